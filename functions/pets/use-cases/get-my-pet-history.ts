import { explainHistory, type HistoryEntry } from '../domain/pet';
import type { PetRepository } from '../ports';
import { ensurePet } from './ensure-pet';

/** Every event applied to the caller's pet and what it changed, newest first. */
export async function getMyPetHistory(
  deps: { pets: PetRepository; now: () => Date },
  input: { userId: string; correlationId: string },
): Promise<{ name: string; history: HistoryEntry[] }> {
  const pet = await ensurePet(deps, input.userId, input.correlationId);
  return { name: pet.name, history: explainHistory(await deps.pets.events(input.userId)) };
}
