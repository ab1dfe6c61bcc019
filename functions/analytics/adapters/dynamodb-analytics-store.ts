import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '../../../shared/messaging/outbox';
import { conditionHolds, queryPages } from '../../../shared/storage/dynamodb';
import { type DayCount, dayOf, dedupKey, type Track, type TrackType } from '../domain/track';
import type { AnalyticsStore } from '../ports';

/** Markers of counted tracks live a week: a client retries within minutes, the queue within days. */
const SEEN_RETENTION_SECONDS = 7 * 24 * 3600;

/**
 * The analytics table: `CEV#<id>/DAY#<day>#<type>` counters, `CEV#<id>/ORGANIZER`, and `SEEN#<user>#<clientEventId>`
 * markers (with a TTL) that make counting idempotent.
 */
export class DynamoAnalyticsStore implements AnalyticsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countOnce(track: Track) {
    const counted = await conditionHolds(
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: `SEEN#${dedupKey(track)}`,
                  sk: 'SEEN',
                  [TTL_ATTRIBUTE]: Math.floor(Date.parse(track.receivedAt) / 1000) + SEEN_RETENTION_SECONDS,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: `CEV#${track.calendarEventId}`, sk: `DAY#${dayOf(track)}#${track.type}` },
                UpdateExpression: 'ADD #count :one',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      ),
    );
    return counted ? ('counted' as const) : ('duplicate' as const);
  }

  async counts(calendarEventId: string): Promise<DayCount[]> {
    const rows: DayCount[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
      ExpressionAttributeValues: { ':pk': `CEV#${calendarEventId}`, ':day': 'DAY#' },
      ConsistentRead: true,
    })) {
      for (const item of items) {
        const [, day, type] = String(item.sk).split('#');
        rows.push({ day: day!, type: type as TrackType, count: Number(item.count ?? 0) });
      }
    }
    return rows;
  }

  async organizerOf(calendarEventId: string) {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `CEV#${calendarEventId}`, sk: 'ORGANIZER' } }),
    );
    return result.Item ? String(result.Item.organizerId) : undefined;
  }

  async recordOrganizer(calendarEventId: string, organizerId: string) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `CEV#${calendarEventId}`, sk: 'ORGANIZER', organizerId },
      }),
    );
  }
}
