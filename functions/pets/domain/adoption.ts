import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { petAdopted } from '../../../events/pet-game';
import { dayKeyOf } from '../../../shared/time';
import { DEFAULT_PET_NAME, NEW_PET_STATS, type Pet } from './pet';

/** A player adopts one pet, ever: the id of its pet.adopted is therefore deterministic. */
export function adoptionEventId(userId: string): string {
  return `adopted#${userId}`;
}

/**
 * A player without a pet gets Mochi. The new pet and its pet.adopted are saved together (the outbox), and only
 * if the player still has no pet, so two first reads at once adopt one pet and announce it once.
 */
export function adoptPet(input: { userId: string; now: Date; correlationId: string }): {
  pet: Pet;
  events: OutgoingEvent[];
} {
  const at = input.now.toISOString();
  const pet: Pet = {
    userId: input.userId,
    name: DEFAULT_PET_NAME,
    ...NEW_PET_STATS,
    adoptedAt: at,
    lastOrderKey: null,
    version: 0,
    updatedAt: at,
  };
  return {
    pet,
    events: [
      outgoing(petAdopted, {
        eventId: adoptionEventId(input.userId),
        correlationId: input.correlationId,
        userId: pet.userId,
        petName: pet.name,
        adoptedAt: pet.adoptedAt,
        dayKey: dayKeyOf(input.now),
      }),
    ],
  };
}
