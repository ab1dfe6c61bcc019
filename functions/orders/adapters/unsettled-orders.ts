import { queryPages } from '../../../shared/storage/dynamodb';
import { isUnsettled, type Order } from '../domain/order';
import type { UnsettledOrders } from '../ports';
import { DynamoOrderPayments } from './order-payments';
import { strip } from './orders-table';
import {
  UNSETTLED_INDEX,
  UNSETTLED_SHARD_ATTRIBUTE,
  UNSETTLED_SHARDS,
  UNSETTLED_SINCE_ATTRIBUTE,
} from './unsettled-index';

/** The reconciler's orders: the unsettled ones, from the sparse index, settled as a payment settles them. */
export class DynamoUnsettledOrders extends DynamoOrderPayments implements UnsettledOrders {
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
}
