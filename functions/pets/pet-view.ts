import type { Pet } from './adapters/pet-repository';

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
