import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deliveryOperator } from '../../scripts/lib/delivery';
import { clientConfig } from '../../scripts/lib/target';
import { GROUPS } from '../../shared/identity';
import { connectLive, handshakeStatus, type LiveClient } from '../support/live-client';
import {
  eventually,
  newPlayer,
  outputs,
  type Player,
  resignedAccessToken,
  target,
} from '../support/platform';

const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
const lambda = new LambdaClient(clientConfig());
/** The realtime sweep's function (no stack output of its own: found by its logical id in the name). */
async function sweeperName(): Promise<string> {
  for (let Marker: string | undefined; ; ) {
    const page = await lambda.send(new ListFunctionsCommand({ Marker }));
    const found = page.Functions?.find((f) => f.FunctionName?.includes('SweepConnections'));
    if (found?.FunctionName) return found.FunctionName;
    Marker = page.NextMarker;
    if (!Marker) throw new Error('no realtime sweep function deployed');
  }
}
/** The id of the one connection of this user subscribed to `events` other than `except` (the test's own). */
async function connectionIdOf(userId: string, except: string): Promise<string> {
  const page = await db.send(
    new QueryCommand({
      TableName: outputs.RealtimeTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'TOPIC#events' },
    }),
  );
  const mine = (page.Items ?? []).filter((i) => i.userId === userId && i.sk !== except);
  if (mine.length !== 1) throw new Error(`expected one connection of ${userId}, found ${mine.length}`);
  return String(mine[0]!.sk);
}
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

jest.setTimeout(90_000);

describe('live updates over WebSocket', () => {
  let organizer: Player;
  let alice: Player;
  let bob: Player;
  const clients: LiveClient[] = [];
  const live = async (player: Player) => {
    const client = await connectLive(player.accessToken);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    [organizer, alice, bob] = await Promise.all([
      newPlayer([GROUPS.players, GROUPS.organizers]),
      newPlayer(),
      newPlayer(),
    ]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    db.destroy();
  });

  test('the handshake needs a valid access token: none is 401, a forged or an ID token is 403', async () => {
    const [signature] = alice.accessToken.split('.').slice(2);
    const forged = alice.accessToken.replace(signature!, `${signature!.slice(0, -4)}AAAA`);

    const statuses = {
      missing: await handshakeStatus(undefined),
      forged: await handshakeStatus(forged),
      idToken: await handshakeStatus(alice.idToken),
      valid: await handshakeStatus(alice.accessToken),
    };

    expect(statuses).toEqual({ missing: 401, forged: 403, idToken: 403, valid: 101 });
  });

  test('an expired access token, signed by the pool’s own key, is refused at the handshake (403)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const control = resignedAccessToken(alice.accessToken);
    const expired = resignedAccessToken(alice.accessToken, {
      iat: now - 7200,
      auth_time: now - 7200,
      exp: now - 3600,
    });
    if (!control || !expired) {
      console.warn(`skipped on ${target.kind}: the pool's signing key is only readable on MiniStack`);
      return;
    }

    // The control proves the signature is the pool's (the same claims signed again are let in)...
    expect(await handshakeStatus(control)).toBe(101);
    // ...so the only reason for this refusal is the expiry.
    expect(await handshakeStatus(expired)).toBe(403);
  });

  test('a client subscribed to `events` receives event.created within 2 s of the POST', async () => {
    const client = await live(alice);
    expect(await client.subscribe('events')).toMatchObject({ type: 'subscribed', topic: 'events' });
    const name = `Live ${randomUUID().slice(0, 8)}`;

    const posted = Date.now();
    const created = await organizer.api.post<{ id: string }>('/events', {
      name,
      startsAt: inOneHour(),
      location: 'Berlin',
      capacity: 10,
    });
    const pushed = await client.waitFor(
      (m) => m.type === 'event.created' && m.data?.calendarEventId === created.body.id,
      5_000,
      'event.created',
    );

    expect(created.status).toBe(201);
    expect(pushed).toMatchObject({ data: { name, organizerId: organizer.userId }, at: expect.any(String) });
    expect(pushed.receivedAt - posted).toBeLessThan(2_000);
  });

  test('a bad message or an unknown topic is answered with an error naming it', async () => {
    const client = await live(alice);

    client.send({ action: 'shout', topic: 'events' });
    const bad = await client.waitFor((m) => m.type === 'error', 5_000, 'an error');
    const unknown = await client.subscribe('everything');

    expect(bad).toMatchObject({ code: 'BAD_MESSAGE' });
    expect(unknown).toMatchObject({ type: 'error', code: 'UNKNOWN_TOPIC' });
  });

  test("a second user cannot subscribe to the first user's order, whose owner follows it live", async () => {
    // The suite runs with no travel time, so a whole delivery could be over before the owner has subscribed:
    // legs of 3 s leave IN_TRANSIT and DELIVERED to come after the subscription.
    const delivery = deliveryOperator(outputs);
    const travelBefore = (await delivery.settings()).travelMs;
    await delivery.updateSettings({ travelMs: 3_000 });
    try {
      await followsOrderLive();
    } finally {
      await delivery.updateSettings({ travelMs: travelBefore });
    }
  });

  async function followsOrderLive() {
    const order = await alice.api.post<{ orderId: string }>('/orders', {
      pizza: 'margherita',
      quantity: 1,
      address: 'Hauptstrasse 1, Berlin',
    });
    expect(order.status).toBe(201);
    const { orderId } = order.body;
    await eventually(
      async () =>
        (
          await db.send(
            new GetCommand({
              TableName: outputs.RealtimeTableName,
              Key: { pk: `ORDER#${orderId}`, sk: 'OWNER' },
            }),
          )
        ).Item,
      { timeoutMs: 15_000, what: 'the order to be known to the realtime service' },
    );
    const owner = await live(alice);
    const stranger = await live(bob);

    const ownersAnswer = await owner.subscribe(`order:${orderId}`);
    const strangersAnswer = await stranger.subscribe(`order:${orderId}`);

    expect(ownersAnswer).toMatchObject({ type: 'subscribed' });
    expect(strangersAnswer).toMatchObject({ type: 'error', code: 'FORBIDDEN', topic: `order:${orderId}` });
    await owner.waitFor(
      (m) => m.type === 'order.delivery-updated' && m.data?.orderId === orderId,
      60_000,
      "the order's delivery status",
    );
    expect(stranger.messages.filter((m) => m.type.startsWith('order.'))).toEqual([]);
  }

  test('a client that vanished is cleaned up (410) and the next broadcast still reaches the rest', async () => {
    const staying = await live(alice);
    await staying.subscribe('events');
    // A connection whose $disconnect never ran: subscribed, but gone from the API.
    const ghost = `ghost${randomUUID().replaceAll('-', '').slice(0, 11)}`;
    const expiration = Math.floor(Date.now() / 1000) + 600;
    await db.send(
      new PutCommand({
        TableName: outputs.RealtimeTableName,
        Item: { pk: 'TOPIC#events', sk: ghost, connectionId: ghost, userId: bob.userId, expiration },
      }),
    );
    const vanishing = await live(bob);
    await vanishing.subscribe('events');
    const vanishingId = await connectionIdOf(bob.userId, ghost);
    vanishing.vanish();

    const created = await organizer.api.post<{ id: string }>('/events', {
      name: 'After the ghost',
      startsAt: inOneHour(),
      location: 'Berlin',
      capacity: 3,
    });

    await staying.waitFor(
      (m) => m.type === 'event.created' && m.data?.calendarEventId === created.body.id,
      5_000,
      'event.created after a ghost',
    );
    await eventually(
      async () =>
        !(
          await db.send(
            new GetCommand({ TableName: outputs.RealtimeTableName, Key: { pk: 'TOPIC#events', sk: ghost } }),
          )
        ).Item,
      { timeoutMs: 10_000, what: 'the ghost connection to be removed' },
    );
    await eventually(
      async () =>
        !(
          await db.send(
            new GetCommand({
              TableName: outputs.RealtimeTableName,
              Key: { pk: 'TOPIC#events', sk: vanishingId },
            }),
          )
        ).Item,
      { timeoutMs: 10_000, what: 'the vanished client to be removed' },
    );
  });
  describe('a connection ends when its access token expires', () => {
    /** Alice's token again, signed by the pool's key, expiring `seconds` from now; undefined off MiniStack. */
    const expiringIn = (seconds: number) => {
      const exp = Math.floor(Date.now() / 1000) + seconds;
      const token = resignedAccessToken(alice.accessToken, { exp });
      return token && { token, exp };
    };
    const closed = (client: LiveClient) =>
      new Promise<void>((resolve) => {
        if (client.socket.readyState === client.socket.CLOSED) return resolve();
        client.socket.once('close', () => resolve());
      });
    const pastExpiry = (exp: number) =>
      eventually(async () => Date.now() > exp * 1000 + 1000, {
        timeoutMs: 60_000,
        what: 'the token to expire',
      });

    test('a subscriber whose token expired gets no more pushes: its connection is closed, the others get them', async () => {
      const expiring = expiringIn(15);
      if (!expiring) {
        console.warn(`skipped on ${target.kind}: the pool's signing key is only readable on MiniStack`);
        return;
      }
      const control = await live(bob);
      const short = await connectLive(expiring.token);
      clients.push(short);
      expect(await control.subscribe('events')).toMatchObject({ type: 'subscribed' });
      expect(await short.subscribe('events')).toMatchObject({ type: 'subscribed' });
      const shortClosed = closed(short);
      await pastExpiry(expiring.exp);

      const created = await organizer.api.post<{ id: string }>('/events', {
        name: `Expiry ${randomUUID().slice(0, 8)}`,
        startsAt: inOneHour(),
        location: 'Berlin',
        capacity: 10,
      });
      await control.waitFor(
        (m) => m.type === 'event.created' && m.data?.calendarEventId === created.body.id,
        10_000,
        'event.created on the live connection',
      );
      await shortClosed;

      expect(short.messages.filter((m) => m.data?.calendarEventId === created.body.id)).toEqual([]);
    });

    test('an idle connection whose token expired is closed by the sweep', async () => {
      const expiring = expiringIn(15);
      if (!expiring) {
        console.warn(`skipped on ${target.kind}: the pool's signing key is only readable on MiniStack`);
        return;
      }
      const idle = await connectLive(expiring.token);
      clients.push(idle);
      const idleClosed = closed(idle);
      await pastExpiry(expiring.exp);

      // The sweep runs every minute; invoked here, so the test need not wait for the schedule.
      const result = await lambda.send(
        new InvokeCommand({ FunctionName: await sweeperName(), Payload: Buffer.from('{}') }),
      );
      await idleClosed;

      expect(result.FunctionError).toBeUndefined();
      expect(idle.socket.readyState).toBe(idle.socket.CLOSED);
    });
  });
});
