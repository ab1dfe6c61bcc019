import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '../../../shared/messaging/outbox';
import { batchWrite, conditionHolds, queryPages } from '../../../shared/storage/dynamodb';
import {
  countedKey,
  type DayCount,
  dayOf,
  type KnownEvent,
  type Track,
  type TrackType,
  takesTracks,
} from '../domain/track';
import type { AnalyticsStore } from '../ports';

const partition = (calendarEventId: string) => `CEV#${calendarEventId}`;
const eventKey = (calendarEventId: string) => ({ pk: partition(calendarEventId), sk: 'ORGANIZER' });

/**
 * The analytics table, one partition per calendar event: `ORGANIZER` (what the bus said of it: its organizer, and
 * `cancelledAt`), `DAY#<day>#<type>` counters, and `USER#<type>#<user>` markers of the users counted. All in one
 * partition, so that a cancellation can give every item of the event its expiry.
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
              // The guard of domain/track.ts `takesTracks`, in the transaction: nothing is counted once
              // event.cancelled has been recorded, so the expiry it gives every item misses none.
              ConditionCheck: {
                TableName: this.tableName,
                Key: eventKey(track.calendarEventId),
                ConditionExpression: 'attribute_exists(organizerId) AND attribute_not_exists(cancelledAt)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: partition(track.calendarEventId), sk: `USER#${countedKey(track)}` },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: partition(track.calendarEventId), sk: `DAY#${dayOf(track)}#${track.type}` },
                UpdateExpression: 'ADD #count :one',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      ),
    );
    if (counted) return 'counted' as const;
    // Which condition failed, from the state (targets differ in the reasons they give).
    return takesTracks(await this.eventOf(track.calendarEventId))
      ? ('duplicate' as const)
      : ('not-taking-tracks' as const);
  }

  async counts(calendarEventId: string): Promise<DayCount[]> {
    const rows: DayCount[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
      ExpressionAttributeValues: { ':pk': partition(calendarEventId), ':day': 'DAY#' },
      ConsistentRead: true,
    })) {
      for (const item of items) {
        const [, day, type] = String(item.sk).split('#');
        rows.push({ day: day!, type: type as TrackType, count: Number(item.count ?? 0) });
      }
    }
    return rows;
  }

  async eventOf(calendarEventId: string): Promise<KnownEvent | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: eventKey(calendarEventId), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    return {
      ...(result.Item.organizerId !== undefined ? { organizerId: String(result.Item.organizerId) } : {}),
      ...(result.Item.cancelledAt !== undefined ? { cancelledAt: String(result.Item.cancelledAt) } : {}),
    };
  }

  async recordOrganizer(calendarEventId: string, organizerId: string) {
    // An update, not a put: event.cancelled may have come first, and its mark must stay.
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: eventKey(calendarEventId),
        UpdateExpression: 'SET organizerId = :organizerId',
        ExpressionAttributeValues: { ':organizerId': organizerId },
      }),
    );
  }

  async endCounts(calendarEventId: string, cancelledAt: string, expiresAt: number) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: eventKey(calendarEventId),
        UpdateExpression: 'SET cancelledAt = :cancelledAt, #expiry = :expiry',
        ExpressionAttributeNames: { '#expiry': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':cancelledAt': cancelledAt, ':expiry': expiresAt },
      }),
    );
    // Nothing is counted any more (countOnce checks the mark): the partition read now is all there will be.
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition(calendarEventId) },
      ConsistentRead: true,
    })) {
      await batchWrite(
        this.db,
        this.tableName,
        items.map((item) => ({ PutRequest: { Item: { ...item, [TTL_ATTRIBUTE]: expiresAt } } })),
      );
    }
  }
}
