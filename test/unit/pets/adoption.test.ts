import { petAdopted } from '../../../events/pet-game';
import { adoptPet } from '../../../functions/pets/domain/adoption';
import { ensurePet } from '../../../functions/pets/use-cases/ensure-pet';
import { getMyPet } from '../../../functions/pets/use-cases/get-my-pet';
import { checkedDetail } from '../../../shared/messaging/outbox';
import { InMemoryPetRepository } from './in-memory-pet-repository';

const NOW = new Date('2026-11-22T19:30:00.000Z');
const clock = (at: Date) => () => at;

describe('the adoption decision', () => {
  test('a player without a pet gets Mochi with full HP, no XP, level 1, mood 5 and no streak, adopted now', () => {
    // Act
    const { pet } = adoptPet({ userId: 'u1', now: NOW, correlationId: 'c1' });

    // Assess
    expect(pet).toEqual({
      userId: 'u1',
      name: 'Mochi',
      hp: 100,
      xp: 0,
      level: 1,
      mood: 5,
      streak: 0,
      lastActiveDay: null,
      adoptedAt: NOW.toISOString(),
      lastOrderKey: null,
      version: 0,
      updatedAt: NOW.toISOString(),
    });
  });

  test('the adoption causes one pet.adopted with a deterministic id that matches its contract', () => {
    // Act
    const { events } = adoptPet({ userId: 'u1', now: NOW, correlationId: 'c1' });

    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]!.definition).toBe(petAdopted);
    expect(checkedDetail(petAdopted, events[0]!.detail)).toEqual({
      eventId: 'adopted#u1',
      correlationId: 'c1',
      userId: 'u1',
      petName: 'Mochi',
      adoptedAt: NOW.toISOString(),
      dayKey: '2026-11-22',
      schemaVersion: 1,
    });
  });
});

describe('reading my pet', () => {
  test('the first read adopts the pet and saves one pet.adopted with it', async () => {
    // Prepare
    const pets = new InMemoryPetRepository();

    // Act
    const pet = await getMyPet({ pets, now: clock(NOW) }, { userId: 'u1', correlationId: 'c1' });

    // Assess
    expect(pet).toMatchObject({ userId: 'u1', name: 'Mochi', adoptedAt: NOW.toISOString() });
    expect(pets.petsByUser.get('u1')).toEqual(pet);
    expect(pets.outbox.map((e) => [e.detailType, e.eventId])).toEqual([['pet.adopted', 'adopted#u1']]);
  });

  test('a later read returns the pet as saved and saves no event', async () => {
    // Prepare
    const pets = new InMemoryPetRepository();
    await getMyPet({ pets, now: clock(NOW) }, { userId: 'u1', correlationId: 'c1' });
    await pets.rename('u1', 'Biscuit', NOW);

    // Act
    const pet = await getMyPet(
      { pets, now: clock(new Date('2026-11-23T08:00:00.000Z')) },
      { userId: 'u1', correlationId: 'c2' },
    );

    // Assess
    expect(pet).toMatchObject({ name: 'Biscuit', adoptedAt: NOW.toISOString() });
    expect(pets.outbox).toHaveLength(1);
  });

  test('concurrent first reads adopt one pet, all return it, and one pet.adopted is saved', async () => {
    // Prepare
    const pets = new InMemoryPetRepository();
    const reads = ['c1', 'c2', 'c3'].map((correlationId, i) => ({
      now: clock(new Date(NOW.getTime() + i)),
      correlationId,
    }));

    // Act
    const results = await Promise.all(
      reads.map(({ now, correlationId }) => ensurePet({ pets, now }, 'u1', correlationId)),
    );

    // Assess
    const saved = pets.petsByUser.get('u1');
    for (const pet of results) expect(pet).toEqual(saved);
    expect(pets.outbox.map((e) => e.eventId)).toEqual(['adopted#u1']);
    expect(pets.outbox[0]!.detail.adoptedAt).toBe(saved!.adoptedAt);
  });
});
