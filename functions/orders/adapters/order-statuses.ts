import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHolds, isConditionFailure } from '../../../shared/storage/dynamodb';
import { type OrderStatus, statusesThatMayMoveTo, type TimelineEntry } from '../domain/order';
import type { OrderStatuses } from '../ports';
import { DynamoOrderReader } from './order-reader';
import { orderKey, statusIn, timelineKey } from './orders-table';

/** Status updates reported by events: a timeline entry per event, and the order's status moved forward only. */
export class DynamoOrderStatuses extends DynamoOrderReader implements OrderStatuses {
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
}
