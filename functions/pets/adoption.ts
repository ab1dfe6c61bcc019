import { petAdopted } from '../../events/pet-game';
import type { EventPublisher } from '../../shared/messaging/event-publisher';
import { dayKeyOf } from '../../shared/time';
import type { Pet, PetRepository } from './adapters/pet-repository';
import { DEFAULT_PET_NAME, NEW_PET_STATS } from './domain/pet';

export interface AdoptionDeps {
  pets: PetRepository;
  publisher: EventPublisher;
}

/**
 * The caller's pet, adopted on first use. pet.adopted is published until it is known to be on the bus, so a
 * failed publish is retried by the next read instead of leaving the player off the missed-day roster.
 */
export async function ensurePet(
  deps: AdoptionDeps,
  userId: string,
  now: Date,
  correlationId: string,
): Promise<Pet> {
  let pet = await deps.pets.get(userId);
  if (!pet) {
    const fresh: Pet = {
      userId,
      name: DEFAULT_PET_NAME,
      ...NEW_PET_STATS,
      adoptedAt: now.toISOString(),
      adoptionPublished: false,
      lastOrderKey: null,
      version: 0,
      updatedAt: now.toISOString(),
    };
    await deps.pets.create(fresh);
    pet = (await deps.pets.get(userId)) ?? fresh;
  }
  if (!pet.adoptionPublished) {
    await deps.publisher.publish(petAdopted, {
      eventId: `adopted#${userId}`,
      correlationId,
      userId,
      petName: pet.name,
      adoptedAt: pet.adoptedAt,
      dayKey: dayKeyOf(new Date(pet.adoptedAt)),
    });
    await deps.pets.markAdoptionPublished(userId);
    pet = { ...pet, adoptionPublished: true };
  }
  return pet;
}
