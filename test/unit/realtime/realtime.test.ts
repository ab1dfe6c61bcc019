import { calendarEventCreated, registrationCreated } from '../../../events/calendar';
import { orderReady } from '../../../events/pizza';
import { decideSubscription, managementEndpoint, pushFor } from '../../../functions/realtime/domain/topics';
import type { Pusher, RealtimeStore, Subscriber } from '../../../functions/realtime/ports';
import { broadcast } from '../../../functions/realtime/use-cases/broadcast';
import {
  closeExpiredConnections,
  handleClientMessage,
  openConnection,
} from '../../../functions/realtime/use-cases/connections';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
/** A token that expires in an hour. */
const LIVE = NOW_SECONDS + 3600;

class InMemoryRealtimeStore implements RealtimeStore {
  readonly connections = new Map<string, { userId: string; tokenExpiresAt: number }>();
  readonly subscriptions = new Map<string, Subscriber & { topic: string }>();
  readonly owners = new Map<string, string>();
  async saveConnection(c: { connectionId: string; userId: string; tokenExpiresAt: number }) {
    this.connections.set(c.connectionId, { userId: c.userId, tokenExpiresAt: c.tokenExpiresAt });
  }
  async expiredConnections(nowSeconds: number) {
    return [...this.connections].filter(([, c]) => c.tokenExpiresAt <= nowSeconds).map(([id]) => id);
  }
  async removeConnection(connectionId: string) {
    this.connections.delete(connectionId);
    for (const [key, s] of this.subscriptions)
      if (s.connectionId === connectionId) this.subscriptions.delete(key);
  }
  async subscribe(s: Subscriber & { topic: string }) {
    this.subscriptions.set(`${s.topic}/${s.connectionId}`, s);
  }
  async unsubscribe(connectionId: string, topic: string) {
    this.subscriptions.delete(`${topic}/${connectionId}`);
  }
  async subscribers(topic: string) {
    return [...this.subscriptions.values()].filter((s) => s.topic === topic);
  }
  async orderOwner(orderId: string) {
    return this.owners.get(orderId);
  }
  async recordOrderOwner(orderId: string, userId: string) {
    this.owners.set(orderId, userId);
  }
}

/** Records what was posted, when; some connections are gone, some never answer within the timeout. */
class RecordingPusher implements Pusher {
  readonly posted: { connectionId: string; message: Record<string, unknown>; at: number }[] = [];
  readonly closed: string[] = [];
  /** When each hanging post gave up. */
  readonly gaveUp: number[] = [];
  inFlight = 0;
  mostInFlight = 0;
  constructor(
    private readonly gone: string[] = [],
    private readonly hanging: string[] = [],
    private readonly postMs = 0,
  ) {}
  async close(connectionId: string) {
    this.closed.push(connectionId);
    return 'closed' as const;
  }
  async post(connectionId: string, message: Record<string, unknown>, timeoutMs: number) {
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      if (this.gone.includes(connectionId)) return 'gone' as const;
      if (this.hanging.includes(connectionId)) {
        await new Promise((resolve) => setTimeout(resolve, timeoutMs));
        this.gaveUp.push(Date.now());
        return 'failed' as const;
      }
      if (this.postMs > 0) await new Promise((resolve) => setTimeout(resolve, this.postMs));
      this.posted.push({ connectionId, message, at: Date.now() });
      return 'sent' as const;
    } finally {
      this.inFlight--;
    }
  }
}

const created = pushFor(calendarEventCreated.detailType, { ...calendarEventCreated.example }, NOW);

describe('the broadcaster', () => {
  test('a gone connection is removed and the others still get the push', async () => {
    const store = new InMemoryRealtimeStore();
    for (const id of ['a', 'b', 'c'])
      await store.subscribe({ connectionId: id, userId: id, tokenExpiresAt: LIVE, topic: 'events' });
    const pusher = new RecordingPusher(['b']);

    const report = await broadcast({ store, pusher, now: () => NOW, timeoutMs: 100 }, created);

    expect(report).toMatchObject({ subscribers: 3, sent: 2, gone: 1 });
    expect(pusher.posted.map((p) => p.connectionId).sort()).toEqual(['a', 'c']);
    expect((await store.subscribers('events')).map((s) => s.connectionId).sort()).toEqual(['a', 'c']);
  });

  test('a client that never answers holds back nobody: the others are posted to before its timeout ends', async () => {
    const store = new InMemoryRealtimeStore();
    for (const id of ['slow', 'x', 'y'])
      await store.subscribe({ connectionId: id, userId: id, tokenExpiresAt: LIVE, topic: 'events' });
    const pusher = new RecordingPusher([], ['slow']);
    const started = Date.now();

    const report = await broadcast({ store, pusher, now: () => NOW, timeoutMs: 300 }, created);

    expect(report).toMatchObject({ sent: 2, failed: 1 });
    expect(Math.max(...pusher.posted.map((p) => p.at - started))).toBeLessThan(150);
  });

  test('posts at most `concurrency` at once, and clients that hang hold only their own lane', async () => {
    const store = new InMemoryRealtimeStore();
    const ids = Array.from({ length: 300 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    for (const id of ids)
      await store.subscribe({ connectionId: id, userId: id, tokenExpiresAt: LIVE, topic: 'events' });
    // Two of the first connections never answer; the rest take 2 ms each (300 × 2 ms / 8 lanes ≈ 75 ms).
    const pusher = new RecordingPusher([], ['c000', 'c001'], 2);

    const report = await broadcast(
      { store, pusher, now: () => NOW, timeoutMs: 1000, concurrency: 8 },
      created,
    );

    expect(report).toMatchObject({ subscribers: 300, sent: 298, failed: 2 });
    expect(pusher.mostInFlight).toBe(8);
    // Every live client had it before the hanging ones gave up (they held two lanes; six went on).
    expect(Math.max(...pusher.posted.map((p) => p.at))).toBeLessThan(Math.min(...pusher.gaveUp));
  });

  test('a storage error stops the broadcast and throws (the message comes again)', async () => {
    const store = new InMemoryRealtimeStore();
    for (const id of ['a', 'b', 'c', 'd'])
      await store.subscribe({ connectionId: id, userId: id, tokenExpiresAt: LIVE, topic: 'events' });
    store.removeConnection = async () => {
      throw new Error('table unavailable');
    };
    const pusher = new RecordingPusher(['a']);

    await expect(
      broadcast({ store, pusher, now: () => NOW, timeoutMs: 100, concurrency: 1 }, created),
    ).rejects.toThrow('table unavailable');
    expect(pusher.posted).toEqual([]);
  });

  test("an order's status goes to its owner only; anyone else subscribed to it is refused and dropped", async () => {
    const store = new InMemoryRealtimeStore();
    const { userId, orderId } = orderReady.example;
    await store.subscribe({ connectionId: 'owner', userId, tokenExpiresAt: LIVE, topic: `order:${orderId}` });
    await store.subscribe({
      connectionId: 'stranger',
      userId: 'someone-else',
      tokenExpiresAt: LIVE,
      topic: `order:${orderId}`,
    });
    const pusher = new RecordingPusher();

    await broadcast(
      { store, pusher, now: () => NOW, timeoutMs: 100 },
      pushFor(orderReady.detailType, { ...orderReady.example }, NOW),
    );

    expect(pusher.posted.map((p) => [p.connectionId, p.message.type, p.message.code])).toEqual([
      ['owner', 'order.ready', undefined],
      ['stranger', 'error', 'FORBIDDEN'],
    ]);
    expect(store.owners.get(orderId)).toBe(userId);
    expect((await store.subscribers(`order:${orderId}`)).map((s) => s.connectionId)).toEqual(['owner']);
  });
});

describe('subscriptions', () => {
  test("a known order's topic is its owner's only; an order not seen yet is pending", () => {
    expect(decideSubscription({ topic: 'order:o1', userId: 'u1', orderOwner: 'u1' })).toBe('allowed');
    expect(decideSubscription({ topic: 'order:o1', userId: 'u2', orderOwner: 'u1' })).toBe('forbidden');
    expect(decideSubscription({ topic: 'order:o1', userId: 'u2', orderOwner: undefined })).toBe('pending');
    expect(decideSubscription({ topic: 'events', userId: 'u2', orderOwner: undefined })).toBe('allowed');
    expect(decideSubscription({ topic: 'orders', userId: 'u2', orderOwner: undefined })).toBe(
      'unknown-topic',
    );
  });

  test('a malformed message is answered with BAD_MESSAGE and subscribes nothing', async () => {
    const store = new InMemoryRealtimeStore();
    const pusher = new RecordingPusher();

    await handleClientMessage(
      { store, pusher, now: () => NOW },
      { connectionId: 'c1', userId: 'u1', tokenExpiresAt: LIVE, body: '{"action":"subscribe"}' },
    );

    expect(pusher.posted[0]?.message).toMatchObject({ type: 'error', code: 'BAD_MESSAGE' });
    expect(store.subscriptions.size).toBe(0);
  });
});

describe('a connection ends with its token', () => {
  test('a subscriber whose token expired is closed instead of pushed to; the others get the push', async () => {
    const store = new InMemoryRealtimeStore();
    await openConnection(
      { store, now: () => NOW },
      { connectionId: 'old', userId: 'u1', tokenExpiresAt: NOW_SECONDS },
    );
    await openConnection(
      { store, now: () => NOW },
      { connectionId: 'fresh', userId: 'u2', tokenExpiresAt: LIVE },
    );
    await store.subscribe({
      connectionId: 'old',
      userId: 'u1',
      tokenExpiresAt: NOW_SECONDS,
      topic: 'events',
    });
    await store.subscribe({ connectionId: 'fresh', userId: 'u2', tokenExpiresAt: LIVE, topic: 'events' });
    const pusher = new RecordingPusher();

    const report = await broadcast({ store, pusher, now: () => NOW, timeoutMs: 100 }, created);

    expect(report).toMatchObject({ subscribers: 2, sent: 1, expired: 1 });
    expect(pusher.posted.map((p) => p.connectionId)).toEqual(['fresh']);
    expect(pusher.closed).toEqual(['old']);
    expect([...store.connections.keys()]).toEqual(['fresh']);
    expect((await store.subscribers('events')).map((s) => s.connectionId)).toEqual(['fresh']);
  });

  test('the sweep closes the idle connections whose token expired, and only those', async () => {
    const store = new InMemoryRealtimeStore();
    const open = (connectionId: string, tokenExpiresAt: number) =>
      openConnection({ store, now: () => NOW }, { connectionId, userId: connectionId, tokenExpiresAt });
    await open('expired', NOW_SECONDS - 60);
    await open('just-expired', NOW_SECONDS);
    await open('live', NOW_SECONDS + 1);
    const pusher = new RecordingPusher();

    const closed = await closeExpiredConnections({ store, pusher, now: () => NOW });

    expect(closed).toBe(2);
    expect(pusher.closed.sort()).toEqual(['expired', 'just-expired']);
    expect([...store.connections.keys()]).toEqual(['live']);
  });

  test('a message on a connection whose token expired closes it and subscribes nothing', async () => {
    const store = new InMemoryRealtimeStore();
    const pusher = new RecordingPusher();

    const outcome = await handleClientMessage(
      { store, pusher, now: () => NOW },
      {
        connectionId: 'c1',
        userId: 'u1',
        tokenExpiresAt: NOW_SECONDS - 1,
        body: '{"action":"subscribe","topic":"events"}',
      },
    );

    expect(outcome).toBe('expired');
    expect(pusher.closed).toEqual(['c1']);
    expect(store.subscriptions.size).toBe(0);
  });
});

describe('pushes', () => {
  test('a registration is pushed without who registered, and without the bus metadata', () => {
    const push = pushFor(registrationCreated.detailType, { ...registrationCreated.example }, NOW);

    expect(push.topic).toBe('events');
    expect(push.message.data).not.toHaveProperty('userId');
    expect(push.message.data).not.toHaveProperty('eventId');
    expect(push.message).toMatchObject({ type: 'registration.created', at: NOW.toISOString() });
  });

  test("the management endpoint is the stage's callback URL, or the emulator's path-style address", () => {
    const config = {
      callbackUrl: 'https://a1.execute-api.eu-west-1.amazonaws.com/live',
      apiId: 'a1',
      stage: 'live',
    };

    expect(managementEndpoint(config)).toBe(config.callbackUrl);
    expect(managementEndpoint({ ...config, emulatorEndpoint: 'http://127.0.0.1:4566' })).toBe(
      'http://127.0.0.1:4566/_aws/execute-api/a1/live',
    );
  });
});
