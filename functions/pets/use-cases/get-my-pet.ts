import type { Pet } from '../domain/pet';
import type { PetRepository } from '../ports';
import { ensurePet } from './ensure-pet';

/** The caller's pet; the first call adopts it. */
export async function getMyPet(
  deps: { pets: PetRepository; now: () => Date },
  input: { userId: string; correlationId: string },
): Promise<Pet> {
  return ensurePet(deps, input.userId, input.correlationId);
}
