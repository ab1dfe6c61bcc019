import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHolds } from '../../../shared/storage/dynamodb';
import type { Notification, OrderSummary } from '../domain/notifications';
import type { NotificationStore } from '../ports';

const notificationKey = (n: Notification) => ({ pk: `USER#${n.userId}`, sk: `NOTE#${n.at}#${n.eventId}` });
const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'SUMMARY' });

/** The notifications table: each user's messages, sorted by time, and a short summary of each order. */
export class DynamoNotificationStore implements NotificationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(notification: Notification): Promise<boolean> {
    return conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...notificationKey(notification), ...notification },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async rememberOrder(orderId: string, summary: OrderSummary): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...orderKey(orderId), pizza: summary.pizza, quantity: summary.quantity },
      }),
    );
  }

  async orderSummary(orderId: string): Promise<OrderSummary | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    return result.Item
      ? { pizza: String(result.Item.pizza), quantity: Number(result.Item.quantity) }
      : undefined;
  }

  async latest(userId: string, limit: number): Promise<Notification[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'NOTE#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => {
      const { pk: _pk, sk: _sk, ...notification } = item;
      return notification as Notification;
    });
  }
}
