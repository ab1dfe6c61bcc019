import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '../../../shared/messaging/outbox';
import { queryPages } from '../../../shared/storage/dynamodb';
import type { RealtimeStore, Subscriber } from '../ports';

const connectionPk = (connectionId: string) => `CONN#${connectionId}`;
const topicPk = (topic: string) => `TOPIC#${topic}`;

/**
 * The realtime table. A connection is `CONN#<id>/CONN` with one `CONN#<id>/SUB#<topic>` per subscription (so a
 * disconnect finds them), and each subscription is also `TOPIC#<topic>/<connectionId>` (so a broadcast reads a
 * topic's subscribers in one query). Everything expires by TTL; the order owners are `ORDER#<id>/OWNER`.
 */
export class DynamoRealtimeStore implements RealtimeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveConnection(c: {
    connectionId: string;
    userId: string;
    connectedAt: string;
    tokenExpiresAt: number;
    expiresAt: number;
  }) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: connectionPk(c.connectionId),
          sk: 'CONN',
          connectionId: c.connectionId,
          userId: c.userId,
          connectedAt: c.connectedAt,
          tokenExpiresAt: c.tokenExpiresAt,
          [TTL_ATTRIBUTE]: c.expiresAt,
        },
      }),
    );
  }

  async removeConnection(connectionId: string) {
    const keys: { pk: string; sk: string }[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': connectionPk(connectionId) },
    })) {
      for (const item of items) {
        keys.push({ pk: String(item.pk), sk: String(item.sk) });
        if (String(item.sk).startsWith('SUB#')) {
          keys.push({ pk: topicPk(String(item.sk).slice(4)), sk: connectionId });
        }
      }
    }
    for (let i = 0; i < keys.length; i += 25) {
      await this.db.send(
        new BatchWriteCommand({
          RequestItems: {
            [this.tableName]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
          },
        }),
      );
    }
  }

  /**
   * A scan, filtered on the connection items: the sweep runs once a minute over a table of open connections and
   * their subscriptions, which TTL keeps to the last few hours.
   */
  async expiredConnections(nowSeconds: number) {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'sk = :conn AND tokenExpiresAt <= :now',
          ExpressionAttributeValues: { ':conn': 'CONN', ':now': nowSeconds },
          ProjectionExpression: 'connectionId',
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) ids.push(String(item.connectionId));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return ids;
  }

  async subscribe(s: Subscriber & { topic: string; expiresAt: number }) {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { pk: connectionPk(s.connectionId), sk: `SUB#${s.topic}`, [TTL_ATTRIBUTE]: s.expiresAt },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                pk: topicPk(s.topic),
                sk: s.connectionId,
                connectionId: s.connectionId,
                userId: s.userId,
                tokenExpiresAt: s.tokenExpiresAt,
                [TTL_ATTRIBUTE]: s.expiresAt,
              },
            },
          },
        ],
      }),
    );
  }

  async unsubscribe(connectionId: string, topic: string) {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: this.tableName,
              Key: { pk: connectionPk(connectionId), sk: `SUB#${topic}` },
            },
          },
          { Delete: { TableName: this.tableName, Key: { pk: topicPk(topic), sk: connectionId } } },
        ],
      }),
    );
  }

  async subscribers(topic: string): Promise<Subscriber[]> {
    const now = Math.floor(Date.now() / 1000);
    const all: Subscriber[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': topicPk(topic) },
    })) {
      for (const item of items) {
        // TTL deletes lazily: an expired subscription is not a subscriber.
        if (Number(item[TTL_ATTRIBUTE] ?? 0) < now) continue;
        all.push({
          connectionId: String(item.connectionId),
          userId: String(item.userId),
          // A subscription saved before tokens were tracked ends with its item.
          tokenExpiresAt: Number(item.tokenExpiresAt ?? item[TTL_ATTRIBUTE]),
        });
      }
    }
    return all;
  }

  async orderOwner(orderId: string) {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `ORDER#${orderId}`, sk: 'OWNER' } }),
    );
    return result.Item ? String(result.Item.userId) : undefined;
  }

  async recordOrderOwner(orderId: string, userId: string) {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: `ORDER#${orderId}`, sk: 'OWNER', userId } }),
    );
  }
}
