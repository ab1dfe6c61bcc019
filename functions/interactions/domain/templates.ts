export interface InteractionTemplate {
  id: string;
  title: string;
  hpReward: number;
  xpReward: number;
}

/** The daily interactions a player can complete, once each per UTC day. */
export const INTERACTION_TEMPLATES: readonly InteractionTemplate[] = [
  { id: 'drink_water', title: 'Drink a glass of water', hpReward: 5, xpReward: 10 },
  { id: 'exercise_15m', title: 'Exercise for 15 minutes', hpReward: 5, xpReward: 10 },
  { id: 'study_25m', title: 'Study for 25 minutes', hpReward: 5, xpReward: 10 },
  { id: 'play_10m', title: 'Play with your pet for 10 minutes', hpReward: 5, xpReward: 10 },
];

export function findTemplate(templateId: string): InteractionTemplate | undefined {
  return INTERACTION_TEMPLATES.find((t) => t.id === templateId);
}
