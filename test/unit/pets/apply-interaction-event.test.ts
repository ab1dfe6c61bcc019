import { Logger } from '@aws-lambda-powertools/logger';
import type { Pet } from '../../../functions/pets/domain/pet';
import type { SaveOutcome } from '../../../functions/pets/ports';
import { applyInteractionEvent } from '../../../functions/pets/use-cases/apply-interaction-event';
import { ensurePet } from '../../../functions/pets/use-cases/ensure-pet';
import { InMemoryPetRepository } from './in-memory-pet-repository';
import { completed } from './pet-event-builders';

const NOW = new Date('2026-11-22T19:30:00.000Z');
const logger = new Logger({ logLevel: 'SILENT' });
const deps = (pets: InMemoryPetRepository) => ({ pets, logger, now: () => NOW });

/** Lets another writer rename the pet between the consumer's read and its write, once. */
class RenamedDuringFirstSave extends InMemoryPetRepository {
  private renamed = false;

  override async saveApplied(
    before: Pet,
    after: Pet,
    event: Parameters<InMemoryPetRepository['saveApplied']>[2],
    now: Date,
  ): Promise<SaveOutcome> {
    if (!this.renamed) {
      this.renamed = true;
      await this.rename(before.userId, 'Pixel', now);
    }
    return super.saveApplied(before, after, event, now);
  }
}

describe('applying an interaction event to a pet', () => {
  test('an event for a player without a pet adopts it first, with its pet.adopted, then applies', async () => {
    // Prepare
    const pets = new InMemoryPetRepository();

    // Act
    const outcome = await applyInteractionEvent(deps(pets), {
      userId: 'u1',
      event: completed('2026-11-22'),
      correlationId: 'c1',
    });

    // Assess
    expect(outcome).toBe('applied');
    expect(pets.petsByUser.get('u1')).toMatchObject({ xp: 10, streak: 1, version: 1 });
    expect(pets.outbox.map((e) => e.eventId)).toEqual(['adopted#u1']);
  });

  test('the same event delivered twice changes the pet once', async () => {
    // Prepare
    const pets = new InMemoryPetRepository();
    const event = completed('2026-11-22');
    await applyInteractionEvent(deps(pets), { userId: 'u1', event, correlationId: 'c1' });

    // Act
    const outcome = await applyInteractionEvent(deps(pets), { userId: 'u1', event, correlationId: 'c2' });

    // Assess
    expect(outcome).toBe('duplicate');
    expect(pets.petsByUser.get('u1')).toMatchObject({ xp: 10, version: 1 });
  });

  test('a rename that wins the race is kept: the event is recomputed over the renamed pet', async () => {
    // Prepare
    const pets = new RenamedDuringFirstSave();
    await ensurePet(deps(pets), 'u1', 'c0');

    // Act
    const outcome = await applyInteractionEvent(deps(pets), {
      userId: 'u1',
      event: completed('2026-11-22'),
      correlationId: 'c1',
    });

    // Assess
    expect(outcome).toBe('applied');
    expect(pets.petsByUser.get('u1')).toMatchObject({ name: 'Pixel', xp: 10, version: 2 });
  });
});
