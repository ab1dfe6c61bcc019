import { createHash } from 'node:crypto';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FIRST_ATTEMPT, type Order, type OrderStatus, type TimelineEntry } from '../domain/order';
import type { ListPosition } from '../domain/order-list';
import {
  ALL_ORDERS_PLACE_ATTRIBUTE,
  ALL_ORDERS_SHARD_ATTRIBUTE,
  ALL_ORDERS_SHARDS,
} from './all-orders-index';
import { UNSETTLED_SHARD_ATTRIBUTE, UNSETTLED_SHARDS } from './unsettled-index';

/*
 * The orders table, shared by its adapters: each order, its timeline entries (one item per event id), the
 * per-user index, the Idempotency-Key records and the outbox; its keys, its item mapping and its conditions.
 */

export const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });
export const timelineKey = (orderId: string, entry: TimelineEntry) => ({
  pk: `ORDER#${orderId}`,
  sk: `TIMELINE#${entry.at}#${entry.eventId}`,
});
/** The caller's orders, newest first: one small index item per order under the user. */
export const userOrderKey = (userId: string, createdAt: string, orderId: string) => ({
  pk: `USER#${userId}`,
  sk: `ORDER#${createdAt}#${orderId}`,
});
export const userOrderPrefix = 'ORDER#';
/** Per user: a key means something only to the user who sent it. */
export const idempotencyKey = (userId: string, key: string) => ({ pk: `IDEMPOTENCY_KEY#${userId}`, sk: key });

export const unsettledShard = (orderId: string) =>
  `U#${createHash('sha1').update(orderId).digest()[0]! % UNSETTLED_SHARDS}`;
export const allOrdersShard = (n: number) => `ALL#${n}`;
/** The all-orders index's attributes of an order: its shard and its place in the list; written once, at creation. */
export const allOrdersEntry = (order: Pick<Order, 'orderId' | 'createdAt'>) => ({
  [ALL_ORDERS_SHARD_ATTRIBUTE]: allOrdersShard(
    createHash('sha1').update(order.orderId).digest()[1]! % ALL_ORDERS_SHARDS,
  ),
  [ALL_ORDERS_PLACE_ATTRIBUTE]: allOrdersPlace(order),
});
export const allOrdersPlace = (position: ListPosition) => `${position.createdAt}#${position.orderId}`;

export function strip<T>(item: Record<string, unknown>): T {
  // statusRank, placedPublishedAt: written by earlier versions, no longer read. The two index attributes: the indexes'.
  const {
    pk: _pk,
    sk: _sk,
    statusRank: _rank,
    placedPublishedAt: _published,
    [UNSETTLED_SHARD_ATTRIBUTE]: _shard,
    [ALL_ORDERS_SHARD_ATTRIBUTE]: _listShard,
    [ALL_ORDERS_PLACE_ATTRIBUTE]: _listPlace,
    ...rest
  } = item;
  return rest as T;
}

/**
 * `paymentAttempt = :attempt` for a condition; an order stored before attempts were numbered has none, and is on
 * the first.
 */
export function onAttempt(attempt: number) {
  return {
    expression:
      attempt === FIRST_ATTEMPT
        ? '(paymentAttempt = :attempt OR attribute_not_exists(paymentAttempt))'
        : 'paymentAttempt = :attempt',
    values: { ':attempt': attempt },
  };
}

/**
 * `#status IN (:s0, :s1, ...)` for a condition: the domain decides which statuses qualify, the table enforces it
 * atomically. When none qualifies (nothing moves an order to PLACED by an event), a condition that never holds.
 */
export function statusIn(statuses: readonly OrderStatus[]) {
  const names = statuses.map((_, i) => `:s${i}`);
  return {
    expression: statuses.length > 0 ? `#status IN (${names.join(', ')})` : 'attribute_not_exists(pk)',
    values: Object.fromEntries(statuses.map((status, i) => [names[i], status])),
  };
}

/** Orders by id, in the ids' order (missing ones left out): batched reads, unprocessed keys retried. */
export async function getMany(
  db: DynamoDBDocumentClient,
  tableName: string,
  orderIds: string[],
): Promise<Order[]> {
  const found = new Map<string, Order>();
  for (let start = 0; start < orderIds.length; start += 100) {
    let keys: Record<string, unknown>[] = orderIds.slice(start, start + 100).map(orderKey);
    for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
      const result = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[tableName] ?? []) {
        const order = strip<Order>(item);
        found.set(order.orderId, order);
      }
      keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return orderIds.map((id) => found.get(id)).filter((o): o is Order => o !== undefined);
}
