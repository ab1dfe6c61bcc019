import { createHash } from 'node:crypto';
import type { EventDefinition, OutgoingEvent } from '../../events/define-event';

/**
 * The transactional outbox (ADR 7). A use case saves the new state and one outbox item per event it causes in
 * one DynamoDB transaction; the relay, fed by the table's stream, puts the items on the bus and deletes them; a
 * sweeper publishes what the stream could not. Nothing else publishes, so an event exists exactly when the state
 * change that caused it was committed.
 *
 * This module only shapes items: it has no SDK client, so a handler that writes an outbox pays nothing for it.
 */

export const OUTBOX_PK_PREFIX = 'OUTBOX#';
export const OUTBOX_SK = 'OUTBOX';
/** A sparse index over the items still in the outbox, for the sweeper. */
export const OUTBOX_INDEX = 'outbox-pending';
export const OUTBOX_SHARD_ATTRIBUTE = 'outboxShard';
export const OUTBOX_CREATED_ATTRIBUTE = 'outboxCreatedAt';
/** Spreads the index's writes so that no partition of it takes a service's whole event rate. */
export const OUTBOX_SHARDS = 8;
/** The table's TTL attribute: outbox items and the consumers' idempotency records both expire by it. */
export const TTL_ATTRIBUTE = 'expiration';
/** An item the relay could not delete expires after this; by then the stream or the sweeper has published it. */
export const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

export interface OutboxItem {
  pk: string;
  sk: string;
  outboxShard: string;
  outboxCreatedAt: string;
  eventId: string;
  source: string;
  detailType: string;
  /** The contract-checked detail, as the JSON the bus will carry. */
  detail: string;
  expiration: number;
}

export function outboxShard(eventId: string): string {
  const digest = createHash('sha1').update(eventId).digest();
  return `P#${digest[0]! % OUTBOX_SHARDS}`;
}

/** The detail as its contract shapes it; a producer that breaks its own contract fails before anything is saved. */
export function checkedDetail(definition: EventDefinition, detail: unknown): Record<string, unknown> {
  const checked = definition.schema.safeParse({ ...(detail as object), schemaVersion: definition.version });
  if (!checked.success) {
    throw new Error(`${definition.detailType} does not match its contract: ${checked.error.message}`);
  }
  return checked.data as Record<string, unknown>;
}

export function outboxItem(event: OutgoingEvent, now: Date): OutboxItem {
  const detail = checkedDetail(event.definition, event.detail);
  const eventId = String(detail.eventId);
  return {
    pk: `${OUTBOX_PK_PREFIX}${eventId}`,
    sk: OUTBOX_SK,
    outboxShard: outboxShard(eventId),
    outboxCreatedAt: now.toISOString(),
    eventId,
    source: event.definition.source,
    detailType: event.definition.detailType,
    detail: JSON.stringify(detail),
    expiration: Math.floor(now.getTime() / 1000) + OUTBOX_RETENTION_SECONDS,
  };
}

/**
 * The transaction items that put each event in the outbox. Unconditional: the same decision taken twice yields
 * the same event ids, so a second put of a pending item changes nothing, and one already relayed is published
 * again to consumers that are idempotent on the id.
 */
export function outboxPuts(tableName: string, events: readonly OutgoingEvent[], now: Date) {
  return events.map((event) => ({ Put: { TableName: tableName, Item: outboxItem(event, now) } }));
}

export function isOutboxKey(pk: unknown): boolean {
  return typeof pk === 'string' && pk.startsWith(OUTBOX_PK_PREFIX);
}
