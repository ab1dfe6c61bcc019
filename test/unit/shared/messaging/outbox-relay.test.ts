import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { allEvents, type EventDefinition, interactionCompleted, orderPlaced } from '../../../../events';
import { outgoing } from '../../../../events/define-event';
import type { BusWriter } from '../../../../shared/messaging/event-publisher';
import { outboxItem } from '../../../../shared/messaging/outbox';
import {
  type OutboxEntry,
  type OutboxStore,
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
) {
  const errors: string[] = [];
  const deps: RelayDeps = {
    bus,
    store,
    busName: 'platform-bus',
    contracts: new Map(contracts.map((d) => [d.detailType, d])),
    log: { info: () => undefined, error: (message) => errors.push(message) },
  };
  return { deps, errors };
}

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

  test('leaves an item no contract accepts in the outbox, logs it, and still publishes the rest', async () => {
    const bus = new InMemoryBus();
    const store = new InMemoryOutbox();
    const good = completedAt('e-1', '2026-11-22T08:00:00Z');
    const unknown: OutboxEntry = {
      tableName: 'orders',
      item: outboxItem(outgoing(orderPlaced, placedExample), new Date('2026-11-22T08:00:00Z')),
    };
    store.add(good);
    store.add(unknown);
    const { deps, errors } = relayDeps(bus, store, [interactionCompleted]);

    const report = await relayOutbox([good, unknown], deps);

    expect(report).toEqual({ published: 1, refused: 1 });
    expect(bus.eventIds()).toEqual(['e-1']);
    expect([...store.items.values()].map((e) => e.item.detailType)).toEqual(['order.placed']);
    expect(errors).toEqual(['outbox item refused: it no longer matches a contract']);
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
