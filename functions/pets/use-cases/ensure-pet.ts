import { adoptPet } from '../domain/adoption';
import type { Pet } from '../domain/pet';
import type { PetRepository } from '../ports';

/**
 * The player's pet, adopted on first use. Adoption is a write like any other: the new pet and its pet.adopted are
 * saved in one transaction, and the relay publishes the event. When another request adopted the pet first, its
 * pet is the one: nothing more is saved or announced.
 */
export async function ensurePet(
  deps: { pets: PetRepository; now: () => Date },
  userId: string,
  correlationId: string,
): Promise<Pet> {
  const existing = await deps.pets.get(userId);
  if (existing) return existing;
  const now = deps.now();
  const adoption = adoptPet({ userId, now, correlationId });
  if ((await deps.pets.adopt(adoption.pet, adoption.events, now)) === 'adopted') return adoption.pet;
  const winner = await deps.pets.get(userId);
  if (!winner) throw new Error(`The pet of ${userId} was adopted but cannot be read`);
  return winner;
}
