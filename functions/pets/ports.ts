import type { OutgoingEvent } from '../../events/define-event';
import type { Pet, PetEvent } from './domain/pet';

export type SaveOutcome = 'applied' | 'duplicate' | 'conflict';

/** What the pets use cases need of storage; adapters/dynamodb-pet-repository.ts implements it. */
export interface PetRepository {
  get(userId: string): Promise<Pet | undefined>;
  /**
   * Saves a new pet with its events in the outbox, in one transaction, only if the player has no pet yet;
   * 'exists' (and nothing written) otherwise.
   */
  adopt(pet: Pet, events: readonly OutgoingEvent[], now: Date): Promise<'adopted' | 'exists'>;
  /** Renames the pet and bumps its version, so an event applied at the same moment re-reads the new name. */
  rename(userId: string, name: string, now: Date): Promise<Pet>;
  /** Every event applied to the pet, in no particular order. */
  events(userId: string): Promise<PetEvent[]>;
  /**
   * Records the event and the pet's new state together: 'duplicate' if the event was applied already,
   * 'conflict' if the pet changed since `before` was read (the caller recomputes).
   */
  saveApplied(before: Pet, after: Pet, event: PetEvent, now: Date): Promise<SaveOutcome>;
}
