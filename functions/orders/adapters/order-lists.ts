import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../domain/order';
import { type ListPosition, newestFirst, type OrderPage, positionOf } from '../domain/order-list';
import type { OrderLists } from '../ports';
import {
  ALL_ORDERS_INDEX,
  ALL_ORDERS_PLACE_ATTRIBUTE,
  ALL_ORDERS_SHARD_ATTRIBUTE,
  ALL_ORDERS_SHARDS,
} from './all-orders-index';
import { allOrdersPlace, allOrdersShard, getMany, userOrderKey, userOrderPrefix } from './orders-table';

/** Pages of orders, newest first: the customer's own, and every order for the staff. */
export class DynamoOrderLists implements OrderLists {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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
    const orders = await getMany(this.db, this.tableName, ids.slice(0, page.limit));
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
    const orders = await getMany(
      this.db,
      this.tableName,
      newest.slice(0, page.limit).map((entry) => entry.orderId),
    );
    return pageOf(orders, newest.length > page.limit);
  }
}

/** A page, and where the next starts when there is more: after its last order. */
function pageOf(orders: Order[], more: boolean): OrderPage {
  const last = orders.at(-1);
  return more && last ? { orders, next: positionOf(last) } : { orders };
}
