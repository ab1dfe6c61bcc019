import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../events/define-event';
import {
  OUTBOX_CREATED_ATTRIBUTE,
  OUTBOX_INDEX,
  OUTBOX_SHARD_ATTRIBUTE,
  OUTBOX_SHARDS,
  type OutboxItem,
  outboxItem,
} from '../messaging/outbox';
import type { OutboxEntry, OutboxStore } from '../messaging/outbox-relay';
import { batchWrite } from './dynamodb';

/**
 * Events that belong to no single state change (a job's verdicts over many players) go to the outbox on their
 * own, 25 a call. Their ids are deterministic, so writing them again after a retry changes nothing.
 */
export async function appendToOutbox(
  db: DynamoDBDocumentClient,
  tableName: string,
  events: readonly OutgoingEvent[],
  now: Date,
): Promise<void> {
  await batchWrite(
    db,
    tableName,
    events.map((event) => ({ PutRequest: { Item: outboxItem(event, now) } })),
  );
}

/** The outbox items of any service table, for the relay and the sweeper. */
export function dynamoOutboxStore(db: DynamoDBDocumentClient, pageSize = 100): OutboxStore {
  return {
    async remove(entries) {
      const byTable = new Map<string, OutboxEntry[]>();
      for (const entry of entries) {
        byTable.set(entry.tableName, [...(byTable.get(entry.tableName) ?? []), entry]);
      }
      for (const [tableName, list] of byTable) {
        await batchWrite(
          db,
          tableName,
          list.map(({ item }) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
        );
      }
    },
    async *pending(tableName, olderThan) {
      for (let shard = 0; shard < OUTBOX_SHARDS; shard++) {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await db.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: OUTBOX_INDEX,
              KeyConditionExpression: '#shard = :shard AND #created < :before',
              ExpressionAttributeNames: {
                '#shard': OUTBOX_SHARD_ATTRIBUTE,
                '#created': OUTBOX_CREATED_ATTRIBUTE,
              },
              ExpressionAttributeValues: { ':shard': `P#${shard}`, ':before': olderThan.toISOString() },
              Limit: pageSize,
              ExclusiveStartKey: startKey,
            }),
          );
          const items = (page.Items ?? []) as OutboxItem[];
          if (items.length > 0) yield items.map((item) => ({ tableName, item }));
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }
    },
  };
}
