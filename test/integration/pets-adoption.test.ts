import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { petAdopted } from '../../events/pet-game';
import { isOnRoster } from '../../scripts/lib/roster';
import { clientConfig } from '../../scripts/lib/target';
import { type EventSpy, eventSpy } from '../support/event-spy';
import type { PetView } from '../support/pet-views';
import { eventually, newPlayer, outputs } from '../support/platform';

jest.setTimeout(60_000);

const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
const item = async (pk: string, sk: string) =>
  (await db.send(new GetCommand({ TableName: outputs.PetsTableName, Key: { pk, sk }, ConsistentRead: true })))
    .Item;

describe('adopting a pet on first use goes out through the outbox', () => {
  let spy: EventSpy;
  beforeAll(async () => {
    spy = await eventSpy();
  });
  afterAll(async () => {
    await spy.dispose();
  });

  test('concurrent first reads adopt one pet and put one pet.adopted on the bus, which puts the player on the roster', async () => {
    // Prepare
    const player = await newPlayer();

    // Act
    const reads = await Promise.all(Array.from({ length: 5 }, () => player.api.get<PetView>('/pets/me')));

    // Assess
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(reads.map((r) => r.body.adoptedAt)).size).toBe(1);
    const adopted = await spy.waitFor(petAdopted, (detail) => detail.userId === player.userId);
    expect(adopted).toMatchObject({
      eventId: `adopted#${player.userId}`,
      adoptedAt: reads[0]!.body.adoptedAt,
    });
    await eventually(() => isOnRoster(player.userId), { what: 'the player on the roster' });
    await eventually(async () => (await item(`OUTBOX#adopted#${player.userId}`, 'OUTBOX')) === undefined, {
      what: 'the outbox item relayed and removed',
    });
    const announced = (await spy.published(petAdopted)).filter((detail) => detail.userId === player.userId);
    expect(announced).toHaveLength(1);
    const state = await item(`PET#${player.userId}`, 'STATE');
    expect(state).toMatchObject({ adoptedAt: reads[0]!.body.adoptedAt, version: 0 });
    expect(state).not.toHaveProperty('adoptionPublished');
  });
});
