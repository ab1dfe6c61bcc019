import type { PetEvent } from '../../../functions/pets/domain/pet';

type Completed = Extract<PetEvent, { type: 'interaction.completed' }>;
type Missed = Extract<PetEvent, { type: 'interaction.missed' }>;

/** A completion as the interactions service would emit it: at `time` on `dayKey`, +5 HP and +10 XP unless told. */
export function completed(
  dayKey: string,
  time = '08:00:00.000',
  overrides: Partial<Omit<Completed, 'type'>> = {},
): Completed {
  const templateId = overrides.templateId ?? 'drink_water';
  return {
    type: 'interaction.completed',
    eventId: `completed#u1#${dayKey}#${templateId}`,
    dayKey,
    occurredAt: `${dayKey}T${time}Z`,
    templateId,
    hpDelta: 5,
    xpReward: 10,
    ...overrides,
  };
}

/** A missed day, placed at the day's last millisecond as fromMissed does. */
export function missed(dayKey: string): Missed {
  return {
    type: 'interaction.missed',
    eventId: `missed#u1#${dayKey}`,
    dayKey,
    occurredAt: `${dayKey}T23:59:59.999Z`,
  };
}
