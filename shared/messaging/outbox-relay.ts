import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventDefinition } from '../../events/define-event';
import type { BusWriter } from './event-publisher';
import { checkedDetail, type OutboxItem } from './outbox';

/** An outbox item and the table it sits in (one relay serves every service's table). */
export interface OutboxEntry {
  tableName: string;
  item: OutboxItem;
}

/** The outbox as the relay and the sweeper see it. */
export interface OutboxStore {
  /** Deletes relayed items; an item that is already gone is fine. */
  remove(entries: readonly OutboxEntry[]): Promise<void>;
  /** Items created before `olderThan` that are still in a table's outbox, a page at a time. */
  pending(tableName: string, olderThan: Date): AsyncIterable<OutboxEntry[]>;
}

export interface RelayLog {
  info(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface RelayDeps {
  bus: BusWriter;
  store: OutboxStore;
  busName: string;
  /** The contracts by detail type: an item is checked again before it leaves, as on its way in. */
  contracts: ReadonlyMap<string, EventDefinition>;
  log: RelayLog;
}

export interface RelayReport {
  published: number;
  /** Items no contract accepts any more: left in the outbox (they expire), logged as errors. */
  refused: number;
}

/**
 * Puts outbox items on the bus in their order, then deletes them. At least once: a crash between the two
 * publishes the same event ids again, and every consumer is idempotent on the id. A failure to publish throws,
 * so the stream delivers the batch again (and the sweeper finds what it gave up on); a failure to delete only
 * logs, since the item is published and expires.
 */
export async function relayOutbox(entries: readonly OutboxEntry[], deps: RelayDeps): Promise<RelayReport> {
  const sendable: OutboxEntry[] = [];
  const busEntries: PutEventsRequestEntry[] = [];
  let refused = 0;
  for (const entry of entries) {
    const definition = deps.contracts.get(entry.item.detailType);
    try {
      if (!definition) throw new Error(`no contract for ${entry.item.detailType}`);
      const detail = checkedDetail(definition, JSON.parse(entry.item.detail));
      busEntries.push({
        EventBusName: deps.busName,
        Source: definition.source,
        DetailType: definition.detailType,
        Detail: JSON.stringify(detail),
      });
      sendable.push(entry);
    } catch (error) {
      refused++;
      deps.log.error('outbox item refused: it no longer matches a contract', {
        tableName: entry.tableName,
        eventId: entry.item.eventId,
        detailType: entry.item.detailType,
        error: (error as Error).message,
      });
    }
  }
  if (busEntries.length > 0) await deps.bus.putInOrder(busEntries);
  try {
    await deps.store.remove(sendable);
  } catch (error) {
    deps.log.error('published, but not removed from the outbox: they will be published again', {
      count: sendable.length,
      error: (error as Error).message,
    });
  }
  if (sendable.length > 0) {
    deps.log.info('outbox relayed', {
      published: sendable.length,
      eventIds: sendable.map((e) => e.item.eventId),
    });
  }
  return { published: sendable.length, refused };
}

/** Publishes what is still in the outboxes after `graceSeconds`: the stream's safety net. */
export async function sweepOutboxes(
  tableNames: readonly string[],
  olderThan: Date,
  deps: RelayDeps,
): Promise<RelayReport> {
  const total: RelayReport = { published: 0, refused: 0 };
  for (const tableName of tableNames) {
    for await (const page of deps.store.pending(tableName, olderThan)) {
      const report = await relayOutbox(page, deps);
      total.published += report.published;
      total.refused += report.refused;
    }
  }
  return total;
}
