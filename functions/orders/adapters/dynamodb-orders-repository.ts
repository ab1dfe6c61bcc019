import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { conditionHolds, isConditionFailure, queryPages } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { IdempotencyRecord } from '../domain/idempotency';
import {
  attemptOf,
  FIRST_ATTEMPT,
  isUnsettled,
  type Order,
  type OrderStatus,
  PAYABLE_STATUSES,
  type PaymentAnswered,
  statusesThatMayMoveTo,
  type TimelineEntry,
} from '../domain/order';
import { type ListPosition, newestFirst, type OrderPage, positionOf } from '../domain/order-list';
import type { OrdersRepository } from '../ports';
import {
  ALL_ORDERS_INDEX,
  ALL_ORDERS_PLACE_ATTRIBUTE,
  ALL_ORDERS_SHARD_ATTRIBUTE,
  ALL_ORDERS_SHARDS,
} from './all-orders-index';
import {
  UNSETTLED_INDEX,
  UNSETTLED_SHARD_ATTRIBUTE,
  UNSETTLED_SHARDS,
  UNSETTLED_SINCE_ATTRIBUTE,
} from './unsettled-index';

const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' });
const timelineKey = (orderId: string, entry: TimelineEntry) => ({
  pk: `ORDER#${orderId}`,
  sk: `TIMELINE#${entry.at}#${entry.eventId}`,
});
/** The caller's orders, newest first: one small index item per order under the user. */
const userOrderKey = (userId: string, createdAt: string, orderId: string) => ({
  pk: `USER#${userId}`,
  sk: `ORDER#${createdAt}#${orderId}`,
});
const userOrderPrefix = 'ORDER#';
/** Per user: a key means something only to the user who sent it. */
const idempotencyKey = (userId: string, key: string) => ({ pk: `IDEMPOTENCY_KEY#${userId}`, sk: key });

const unsettledShard = (orderId: string) =>
  `U#${createHash('sha1').update(orderId).digest()[0]! % UNSETTLED_SHARDS}`;
const allOrdersShard = (n: number) => `ALL#${n}`;
/** The all-orders index's attributes of an order: its shard and its place in the list; written once, at creation. */
const allOrdersEntry = (order: Pick<Order, 'orderId' | 'createdAt'>) => ({
  [ALL_ORDERS_SHARD_ATTRIBUTE]: allOrdersShard(
    createHash('sha1').update(order.orderId).digest()[1]! % ALL_ORDERS_SHARDS,
  ),
  [ALL_ORDERS_PLACE_ATTRIBUTE]: allOrdersPlace(order),
});
const allOrdersPlace = (position: ListPosition) => `${position.createdAt}#${position.orderId}`;

function strip<T>(item: Record<string, unknown>): T {
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
function onAttempt(attempt: number) {
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
function statusIn(statuses: readonly OrderStatus[]) {
  const names = statuses.map((_, i) => `:s${i}`);
  return {
    expression: statuses.length > 0 ? `#status IN (${names.join(', ')})` : 'attribute_not_exists(pk)',
    values: Object.fromEntries(statuses.map((status, i) => [names[i], status])),
  };
}

/**
 * The orders table: each order, its timeline entries (one item per event id), the per-user index, the
 * Idempotency-Key records and the outbox. Status changes are conditional on the statuses the domain allows them
 * from.
 */
export class DynamoOrdersRepository implements OrdersRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a new order with its first timeline entry, its index item and, with a key, the key's record: all or
   * nothing. 'key-taken' when a concurrent request with the same key won.
   */
  async create(
    order: Order,
    entry: TimelineEntry,
    key?: { key: string; fingerprint: string },
  ): Promise<'created' | 'key-taken'> {
    const put = (Item: Record<string, unknown>, condition = true) => ({
      Put: {
        TableName: this.tableName,
        Item,
        ...(condition ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      },
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...(key
              ? [
                  put({
                    ...idempotencyKey(order.userId, key.key),
                    userId: order.userId,
                    key: key.key,
                    orderId: order.orderId,
                    fingerprint: key.fingerprint,
                    createdAt: order.createdAt,
                  }),
                ]
              : []),
            put({
              ...orderKey(order.orderId),
              ...order,
              ...allOrdersEntry(order),
              ...(isUnsettled(order.status)
                ? { [UNSETTLED_SHARD_ATTRIBUTE]: unsettledShard(order.orderId) }
                : {}),
            }),
            put({ ...timelineKey(order.orderId, entry), ...entry }),
            put({ ...userOrderKey(order.userId, order.createdAt, order.orderId), orderId: order.orderId }),
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (key && isConditionFailure(error)) return 'key-taken';
      throw error;
    }
  }

  async idempotencyRecord(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: idempotencyKey(userId, key), ConsistentRead: true }),
    );
    return result.Item ? strip<IdempotencyRecord>(result.Item) : undefined;
  }

  async get(orderId: string): Promise<Order | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    return result.Item ? strip<Order>(result.Item) : undefined;
  }

  async timeline(orderId: string): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `ORDER#${orderId}`, ':prefix': 'TIMELINE#' },
      ConsistentRead: true,
    });
    for await (const items of pages) for (const item of items) entries.push(strip<TimelineEntry>(item));
    return entries;
  }

  /** Adds a timeline entry unless one with its id and time exists; true when this call added it. */
  async addTimelineEntry(orderId: string, entry: TimelineEntry): Promise<boolean> {
    return conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...timelineKey(orderId, entry), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async recordPayment(
    state: PaymentAnswered['state'],
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'recorded' | 'stale'> {
    const { order, entry } = state;
    const payable = statusIn(PAYABLE_STATUSES);
    const attempt = onAttempt(attemptOf(order));
    const sets = ['#status = :status', 'updatedAt = :updatedAt'];
    if (order.placedAt) sets.push('placedAt = :placedAt');
    // Settled (placed, declined, failed): out of the reconciler's index. Still unknown: it stays in.
    const removes = isUnsettled(order.status) ? '' : ` REMOVE ${UNSETTLED_SHARD_ATTRIBUTE}`;
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Update: {
            TableName: this.tableName,
            Key: orderKey(order.orderId),
            UpdateExpression: `SET ${sets.join(', ')}${removes}`,
            ConditionExpression: `${payable.expression} AND ${attempt.expression}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': order.status,
              ':updatedAt': order.updatedAt,
              ...(order.placedAt ? { ':placedAt': order.placedAt } : {}),
              ...payable.values,
              ...attempt.values,
            },
          },
        },
        { Put: { TableName: this.tableName, Item: { ...timelineKey(order.orderId, entry), ...entry } } },
      ],
      events,
      now,
    );
    return commit.committed ? 'recorded' : 'stale';
  }

  /** The next attempt, only from PAYMENT_FAILED on the attempt before it; back in the reconciler's index. */
  async beginAttempt(next: Order): Promise<'begun' | 'stale'> {
    const previous = onAttempt(attemptOf(next) - 1);
    const begun = await conditionHolds(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: orderKey(next.orderId),
          UpdateExpression:
            'SET #status = :pending, paymentAttempt = :next, updatedAt = :updatedAt, #shard = :shard',
          ConditionExpression: `#status = :failed AND ${previous.expression}`,
          ExpressionAttributeNames: { '#status': 'status', '#shard': UNSETTLED_SHARD_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':pending': next.status,
            ':next': attemptOf(next),
            ':updatedAt': next.updatedAt,
            ':shard': unsettledShard(next.orderId),
            ':failed': 'PAYMENT_FAILED',
            ...previous.values,
          },
        }),
      ),
    );
    return begun ? 'begun' : 'stale';
  }

  /** Unsettled orders unchanged since `olderThan`, from the sparse index, oldest first, at most `limit`. */
  async unsettled(olderThan: Date, limit: number): Promise<Order[]> {
    const found: Order[] = [];
    for (let shard = 0; shard < UNSETTLED_SHARDS; shard++) {
      const pages = queryPages(this.db, {
        TableName: this.tableName,
        IndexName: UNSETTLED_INDEX,
        KeyConditionExpression: '#shard = :shard AND #since < :olderThan',
        ExpressionAttributeNames: {
          '#shard': UNSETTLED_SHARD_ATTRIBUTE,
          '#since': UNSETTLED_SINCE_ATTRIBUTE,
        },
        ExpressionAttributeValues: { ':shard': `U#${shard}`, ':olderThan': olderThan.toISOString() },
        Limit: limit,
      });
      let taken = 0;
      for await (const items of pages) {
        for (const item of items) found.push(strip<Order>(item));
        taken += items.length;
        if (taken >= limit) break;
      }
    }
    // The index is eventually consistent: keep only what the order itself still says is unsettled.
    return found
      .filter((order) => isUnsettled(order.status))
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .slice(0, limit);
  }

  /**
   * Moves the order to a status reported by an event, only from the statuses the domain allows (paid, and
   * behind it): a late or repeated event is a no-op even when two events race, and an unpaid order is never
   * moved. 'kept' when the order stays where it is.
   */
  async advanceStatus(orderId: string, status: OrderStatus, now: Date): Promise<'advanced' | 'kept'> {
    const from = statusIn(statusesThatMayMoveTo(status));
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: orderKey(orderId),
          UpdateExpression: 'SET #status = :status, updatedAt = :now',
          ConditionExpression: `attribute_exists(pk) AND ${from.expression}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':now': now.toISOString(), ...from.values },
        }),
      );
      return 'advanced';
    } catch (error) {
      if (isConditionFailure(error)) return 'kept';
      throw error;
    }
  }

  /**
   * A page of the user's orders, newest first: a query of the user's index items (one per order, keyed by creation
   * time and id), one more than the page to know whether another follows, then the orders themselves.
   */
  async listForUser(userId: string, page: { limit: number; after?: ListPosition }): Promise<OrderPage> {
    const pk = `USER#${userId}`;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': userOrderPrefix },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: page.limit + 1,
        ...(page.after
          ? { ExclusiveStartKey: userOrderKey(userId, page.after.createdAt, page.after.orderId) }
          : {}),
      }),
    );
    const ids = (result.Items ?? []).map((item) => String(item.orderId));
    const orders = await this.getMany(ids.slice(0, page.limit));
    return pageOf(orders, ids.length > page.limit);
  }

  /**
   * A page of every order, newest first: the staff's view, from the all-orders index (no scan). Each shard gives
   * its newest `limit + 1` orders before the position; the page is the newest `limit` of them all, and there is
   * more when they were more than that.
   */
  async listAll(page: { limit: number; after?: ListPosition }): Promise<OrderPage> {
    const shards = await Promise.all(
      Array.from({ length: ALL_ORDERS_SHARDS }, async (_, n) => {
        const result = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: ALL_ORDERS_INDEX,
            KeyConditionExpression: page.after ? '#shard = :shard AND #at < :after' : '#shard = :shard',
            ExpressionAttributeNames: {
              '#shard': ALL_ORDERS_SHARD_ATTRIBUTE,
              ...(page.after ? { '#at': ALL_ORDERS_PLACE_ATTRIBUTE } : {}),
            },
            ExpressionAttributeValues: {
              ':shard': allOrdersShard(n),
              ...(page.after ? { ':after': allOrdersPlace(page.after) } : {}),
            },
            ScanIndexForward: false,
            Limit: page.limit + 1,
          }),
        );
        return (result.Items ?? []).map((item): ListPosition => {
          const orderId = String(item.pk).slice('ORDER#'.length);
          const place = String(item[ALL_ORDERS_PLACE_ATTRIBUTE]);
          return { createdAt: place.slice(0, -(orderId.length + 1)), orderId };
        });
      }),
    );
    // The index holds keys only: the positions pick the page, in the lists' one order; its orders are read by key.
    const newest = shards.flat().sort(newestFirst);
    const orders = await this.getMany(newest.slice(0, page.limit).map((entry) => entry.orderId));
    return pageOf(orders, newest.length > page.limit);
  }

  private async getMany(orderIds: string[]): Promise<Order[]> {
    const found = new Map<string, Order>();
    for (let start = 0; start < orderIds.length; start += 100) {
      let keys: Record<string, unknown>[] = orderIds.slice(start, start + 100).map(orderKey);
      for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
        const result = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const order = strip<Order>(item);
          found.set(order.orderId, order);
        }
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    return orderIds.map((id) => found.get(id)).filter((o): o is Order => o !== undefined);
  }
}

/** A page, and where the next starts when there is more: after its last order. */
function pageOf(orders: Order[], more: boolean): OrderPage {
  const last = orders.at(-1);
  return more && last ? { orders, next: positionOf(last) } : { orders };
}
