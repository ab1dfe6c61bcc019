import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryPages } from '../../../shared/storage/dynamodb';
import type { Order, TimelineEntry } from '../domain/order';
import type { OrderReader } from '../ports';
import { orderKey, strip } from './orders-table';

/** An order and its timeline, read consistently from the orders table. */
export class DynamoOrderReader implements OrderReader {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

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
}
