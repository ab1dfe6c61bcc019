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

/** Each table the relay serves, by name, with the event sources its service owns (declared in the infra). */
export type OutboxTableSources = { table: string; sources: string[] }[];

/** The metric a refused outbox item counts in (EMF, by the relay and the sweeper); the infra alarms on it. */
export const OUTBOX_REFUSED_METRIC = 'OutboxItemsRefused';

/** An outbox item that must not reach the bus, and why. */
export interface RefusedEntry {
  entry: OutboxEntry;
  reason: string;
}

/** Where refused items go instead of the bus (the undeliverable-events queue): kept and alarmed, never lost. */
export interface RefusedSink {
  put(refused: readonly RefusedEntry[]): Promise<void>;
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
  /**
   * The sources each table's service owns, by table name: an item whose contract names another source was written
   * by a function that forges another service's events. A table missing here owns none.
   */
  owners: ReadonlyMap<string, ReadonlySet<string>>;
  refusals: RefusedSink;
  log: RelayLog;
}

/** The owners map from the infra's declaration (OUTBOX_SOURCES). */
export function ownersOf(tables: OutboxTableSources): ReadonlyMap<string, ReadonlySet<string>> {
  return new Map(tables.map(({ table, sources }) => [table, new Set(sources)]));
}

export interface RelayReport {
  published: number;
  /**
   * Items that must not reach the bus (no contract accepts them, or their table's service does not own their
   * source): sent to the refusals sink with the reason, then removed from the outbox.
   */
  refused: number;
}

/**
 * Puts outbox items on the bus in their order, then deletes them. At least once: a crash between the two
 * publishes the same event ids again, and every consumer is idempotent on the id. A failure to publish throws,
 * so the stream delivers the batch again (and the sweeper finds what it gave up on); a failure to delete only
 * logs, since the item is published and expires. A refused item goes to the refusals sink instead, and is deleted
 * once it is there (a failure to put it there throws, like a failure to publish).
 */
export async function relayOutbox(entries: readonly OutboxEntry[], deps: RelayDeps): Promise<RelayReport> {
  const sendable: OutboxEntry[] = [];
  const busEntries: PutEventsRequestEntry[] = [];
  const refused: RefusedEntry[] = [];
  for (const entry of entries) {
    const definition = deps.contracts.get(entry.item.detailType);
    try {
      if (!definition) throw new Error(`no contract for ${entry.item.detailType}`);
      if (!deps.owners.get(entry.tableName)?.has(definition.source)) {
        throw new Error(`table ${entry.tableName} does not own the source ${definition.source}`);
      }
      const detail = checkedDetail(definition, JSON.parse(entry.item.detail));
      busEntries.push({
        EventBusName: deps.busName,
        Source: definition.source,
        DetailType: definition.detailType,
        Detail: JSON.stringify(detail),
      });
      sendable.push(entry);
    } catch (error) {
      const reason = (error as Error).message;
      refused.push({ entry, reason });
      deps.log.error('outbox item refused: it goes to the undeliverable queue, not the bus', {
        tableName: entry.tableName,
        eventId: entry.item.eventId,
        detailType: entry.item.detailType,
        error: reason,
      });
    }
  }
  if (busEntries.length > 0) await deps.bus.putInOrder(busEntries);
  if (refused.length > 0) await deps.refusals.put(refused);
  try {
    await deps.store.remove([...sendable, ...refused.map((r) => r.entry)]);
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
  return { published: sendable.length, refused: refused.length };
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
