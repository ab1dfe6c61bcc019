import type { HistoryEntry, Pet } from '../domain/pet';

/** What a player sees of their pet. */
export function petView(pet: Pet) {
  return {
    name: pet.name,
    hp: pet.hp,
    xp: pet.xp,
    level: pet.level,
    mood: pet.mood,
    streak: pet.streak,
    lastActiveDay: pet.lastActiveDay,
    adoptedAt: pet.adoptedAt,
    updatedAt: pet.updatedAt,
  };
}

/** The body of GET /pets/me and PATCH /pets/me, as clients (the demo, the tests) read it. */
export type PetView = ReturnType<typeof petView>;

/** The body of GET /pets/me/history. */
export interface PetHistoryView {
  name: string;
  history: HistoryEntry[];
}
