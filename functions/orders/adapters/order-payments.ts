import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { conditionHolds, isConditionFailure } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { IdempotencyRecord } from '../domain/idempotency';
import {
  attemptOf,
  isUnsettled,
  type Order,
  PAYABLE_STATUSES,
  type PaymentAnswered,
  type TimelineEntry,
} from '../domain/order';
import type { OrderPayments } from '../ports';
import { DynamoOrderReader } from './order-reader';
import {
  allOrdersEntry,
  idempotencyKey,
  onAttempt,
  orderKey,
  statusIn,
  strip,
  timelineKey,
  unsettledShard,
  userOrderKey,
} from './orders-table';
import { UNSETTLED_SHARD_ATTRIBUTE } from './unsettled-index';

/**
 * Placing and paying orders in the orders table: a new order with its index items and key record, a payment's
 * answer with its events into the outbox, the next attempt. Each write is conditional on the statuses the domain
 * allows it from.
 */
export class DynamoOrderPayments extends DynamoOrderReader implements OrderPayments {
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
}
