import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { allEvents, type EventDefinition, interactionCompleted, orderPlaced } from '../../../../events';
import { outgoing } from '../../../../events/define-event';
import type { BusWriter } from '../../../../shared/messaging/event-publisher';
import { outboxItem } from '../../../../shared/messaging/outbox';
import {
  type OutboxEntry,
  type OutboxStore,
  ownersOf,
  type RefusedEntry,
  type RelayDeps,
  relayOutbox,
  sweepOutboxes,
} from '../../../../shared/messaging/outbox-relay';

/** The bus as the relay sees it: records what was put, and fails while `down` is set. */
class InMemoryBus implements BusWriter {
  readonly put: PutEventsRequestEntry[] = [];
  down = false;
  async putInOrder(entries: PutEventsRequestEntry[]) {
    if (this.down) throw new Error('PutEvents failed: the bus is unreachable');
    this.put.push(...entries);
  }
  eventIds() {
    return this.put.map((e) => (JSON.parse(e.Detail ?? '{}') as { eventId: string }).eventId);
  }
}

/** Outbox items by table and key, as DynamoDB would hold them. */
class InMemoryOutbox implements OutboxStore {
  readonly items = new Map<string, OutboxEntry>();
  failRemovals = false;
  add(entry: OutboxEntry) {
    this.items.set(`${entry.tableName}|${entry.item.pk}`, entry);
  }
  async remove(entries: readonly OutboxEntry[]) {
    if (this.failRemovals) throw new Error('the relay crashed before it deleted');
    for (const e of entries) this.items.delete(`${e.tableName}|${e.item.pk}`);
  }
  async *pending(tableName: string, olderThan: Date) {
    const page = [...this.items.values()].filter(
      (e) => e.tableName === tableName && e.item.outboxCreatedAt < olderThan.toISOString(),
    );
    if (page.length > 0) yield page;
  }
}

/** The undeliverable queue as the relay sees it: records what was put, and fails while `down` is set. */
class InMemoryRefusals {
  readonly put: RefusedEntry[] = [];
  down = false;
  async putAll(refused: readonly RefusedEntry[]) {
    if (this.down) throw new Error('SendMessageBatch failed: the queue is unreachable');
    this.put.push(...refused);
  }
}

/** Which table holds which service's events, as the infra declares it (ServiceTable's `sources`). */
const OWNERS = ownersOf([
  { table: 'interactions', sources: [interactionCompleted.source] },
  { table: 'pets', sources: [interactionCompleted.source] },
  { table: 'orders', sources: [orderPlaced.source] },
  { table: 'notifications', sources: [] },
]);

const { schemaVersion: _c, ...completedExample } = interactionCompleted.example;
const { schemaVersion: _p, ...placedExample } = orderPlaced.example;
const completedAt = (eventId: string, at: string, tableName = 'interactions'): OutboxEntry => ({
  tableName,
  item: outboxItem(outgoing(interactionCompleted, { ...completedExample, eventId }), new Date(at)),
});

function relayDeps(
  bus: InMemoryBus,
  store: InMemoryOutbox,
  contracts: readonly EventDefinition[] = allEvents,
  refusals = new InMemoryRefusals(),
) {
  const errors: string[] = [];
  const deps: RelayDeps = {
    bus,
    store,
    busName: 'platform-bus',
    contracts: new Map(contracts.map((d) => [d.detailType, d])),
    owners: OWNERS,
    refusals: { put: (refused) => refusals.putAll(refused) },
    log: { info: () => undefined, error: (message) => errors.push(message) },
  };
  return { deps, errors, refusals };
}

const placedIn = (tableName: string, eventId = 'ord-e-1'): OutboxEntry => ({
  tableName,
  item: outboxItem(outgoing(orderPlaced, { ...placedExample, eventId }), new Date('2026-11-22T08:00:00Z')),
});

describe('relayOutbox', () => {
  test('puts the items on the bus in their order with their contract, then removes them', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const entries = [completedAt('e-1', '2026-11-22T08:00:00Z'), completedAt('e-2', '2026-11-22T08:00:01Z')];
    for (const e of entries) store.add(e);

    const report = await relayOutbox(entries, relayDeps(bus, store).deps);

    expect(report).toEqual({ published: 2, refused: 0 });
    expect(bus.eventIds()).toEqual(['e-1', 'e-2']);
    expect(bus.put[0]).toMatchObject({
      EventBusName: 'platform-bus',
      Source: interactionCompleted.source,
      DetailType: 'interaction.completed',
    });
    expect(store.items.size).toBe(0);
  });

  test('keeps every item when the bus is unreachable, and throws so the stream delivers the batch again', async () => {
    const bus = new InMemoryBus();
    bus.down = true;
    const store = new InMemoryOutbox();
    const entry = completedAt('e-1', '2026-11-22T08:00:00Z');
    store.add(entry);

    await expect(relayOutbox([entry], relayDeps(bus, store).deps)).rejects.toThrow(/unreachable/);

    expect(store.items.size).toBe(1);
  });

  test('publishes a completion made before UTC midnight once the bus is back after midnight, with its own day', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const lateEvening = completedAt('completed#u#2026-11-22#drink_water', '2026-11-22T23:59:58Z');
    store.add(lateEvening);
    bus.down = true;
    await expect(relayOutbox([lateEvening], relayDeps(bus, store).deps)).rejects.toThrow();

    bus.down = false;
    const report = await sweepOutboxes(
      ['interactions'],
      new Date('2026-11-23T00:10:00Z'),
      relayDeps(bus, store).deps,
    );

    expect(report.published).toBe(1);
    expect(bus.put.map((e) => JSON.parse(e.Detail ?? '{}').eventId)).toEqual([
      'completed#u#2026-11-22#drink_water',
    ]);
    expect(store.items.size).toBe(0);
  });

  test('a crash between publishing and removing publishes the same event ids again, nothing new', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const entry = completedAt('e-1', '2026-11-22T08:00:00Z');
    store.add(entry);
    store.failRemovals = true;
    const { deps, errors } = relayDeps(bus, store);

    await relayOutbox([entry], deps);
    store.failRemovals = false;
    await sweepOutboxes(['interactions'], new Date('2026-11-22T09:00:00Z'), deps);

    expect(bus.eventIds()).toEqual(['e-1', 'e-1']);
    expect(errors).toEqual(['published, but not removed from the outbox: they will be published again']);
    expect(store.items.size).toBe(0);
  });

  test('sends an item no contract accepts to the undeliverable queue, removes it, and still publishes the rest', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const good = completedAt('e-1', '2026-11-22T08:00:00Z');
    const unknown = placedIn('orders');
    store.add(good);
    store.add(unknown);
    const { deps, errors, refusals } = relayDeps(bus, store, [interactionCompleted]);

    const report = await relayOutbox([good, unknown], deps);

    expect(report).toEqual({ published: 1, refused: 1 });
    expect(bus.eventIds()).toEqual(['e-1']);
    expect(refusals.put).toEqual([{ entry: unknown, reason: 'no contract for order.placed' }]);
    expect(store.items.size).toBe(0);
    expect(errors).toEqual(['outbox item refused: it goes to the undeliverable queue, not the bus']);
  });

  test('refuses an event whose source the table’s service does not own: to the undeliverable queue, never the bus', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const forged = placedIn('interactions');
    const genuine = placedIn('orders', 'ord-e-2');
    store.add(forged);
    store.add(genuine);
    const { deps, refusals } = relayDeps(bus, store);

    const report = await relayOutbox([forged, genuine], deps);

    expect(report).toEqual({ published: 1, refused: 1 });
    expect(bus.eventIds()).toEqual(['ord-e-2']);
    expect(refusals.put).toEqual([
      { entry: forged, reason: 'table interactions does not own the source pizza.orders' },
    ]);
    expect(store.items.size).toBe(0);
  });

  test('refuses every event of a table whose service owns no source, and of a table it does not know', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const entries = [placedIn('notifications', 'n-1'), placedIn('a-table-of-nobody', 'x-1')];
    const { deps, refusals } = relayDeps(bus, store);

    const report = await relayOutbox(entries, deps);

    expect(report).toEqual({ published: 0, refused: 2 });
    expect(bus.put).toEqual([]);
    expect(refusals.put.map((r) => r.reason)).toEqual([
      'table notifications does not own the source pizza.orders',
      'table a-table-of-nobody does not own the source pizza.orders',
    ]);
  });

  test('keeps a refused item in the outbox and throws when the undeliverable queue cannot take it', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const forged = placedIn('interactions');
    store.add(forged);
    const refusals = new InMemoryRefusals();
    refusals.down = true;
    const { deps } = relayDeps(bus, store, allEvents, refusals);

    await expect(relayOutbox([forged], deps)).rejects.toThrow(/unreachable/);

    expect(bus.put).toEqual([]);
    expect(store.items.size).toBe(1);
  });

  test('the sweeper refuses a forged item like the stream relay does', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    store.add(placedIn('interactions'));
    const { deps, refusals } = relayDeps(bus, store);

    const report = await sweepOutboxes(['interactions'], new Date('2026-11-22T09:00:00Z'), deps);

    expect(report).toEqual({ published: 0, refused: 1 });
    expect(bus.put).toEqual([]);
    expect(refusals.put).toHaveLength(1);
  });
});

describe('sweepOutboxes', () => {
  test('publishes only what is older than the grace period, table by table', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    store.add(completedAt('old-1', '2026-11-22T08:00:00Z', 'interactions'));
    store.add(completedAt('old-2', '2026-11-22T08:00:00Z', 'pets'));
    store.add(completedAt('fresh', '2026-11-22T08:09:30Z', 'interactions'));

    const report = await sweepOutboxes(
      ['interactions', 'pets'],
      new Date('2026-11-22T08:08:00Z'),
      relayDeps(bus, store).deps,
    );

    expect(report.published).toBe(2);
    expect(bus.eventIds()).toEqual(['old-1', 'old-2']);
    expect([...store.items.values()].map((e) => e.item.eventId)).toEqual(['fresh']);
  });
});
