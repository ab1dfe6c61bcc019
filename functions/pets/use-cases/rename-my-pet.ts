import type { Pet } from '../domain/pet';
import type { PetRepository } from '../ports';
import { ensurePet } from './ensure-pet';

/** Renames the caller's own pet, adopting it first if this is the player's first call. */
export async function renameMyPet(
  deps: { pets: PetRepository; now: () => Date },
  input: { userId: string; name: string; correlationId: string },
): Promise<Pet> {
  await ensurePet(deps, input.userId, input.correlationId);
  return deps.pets.rename(input.userId, input.name, deps.now());
}
