import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { conditionHolds, queryPages, withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import { appendToOutbox } from '../../../shared/storage/outbox-store';
import type { Completion } from '../domain/completion';
import type { RosterEntry } from '../domain/missed-day';
import type { RosterRange } from '../domain/missed-day-run';
import type { InteractionsStore } from '../ports';
import { activeKey, activePartitions, rosterKey, rosterPartitions } from './keys';

const completionKey = (userId: string, dayKey: string, templateId: string) => ({
  pk: `USER#${userId}`,
  sk: `COMPLETION#${dayKey}#${templateId}`,
});

/** A key condition on `sk` for the keys after `after` (exclusive) up to `last` (inclusive); see inRange. */
function rangeCondition(pk: string, range: RosterRange) {
  const values: Record<string, string> = { ':pk': pk };
  let condition = 'pk = :pk';
  if (range.after !== undefined) values[':after'] = range.after;
  if (range.last !== undefined) values[':last'] = range.last;
  if (range.after !== undefined && range.last !== undefined) condition += ' AND sk BETWEEN :after AND :last';
  else if (range.after !== undefined) condition += ' AND sk > :after';
  else if (range.last !== undefined) condition += ' AND sk <= :last';
  return { KeyConditionExpression: condition, ExpressionAttributeValues: values };
}

/** BETWEEN includes `after`: the one key the range excludes. */
const inRange = (range: RosterRange) => (item: Record<string, unknown>) => item.sk !== range.after;

/** The interactions table: completions, the day's active players, the roster of players with a pet, the outbox. */
export class DynamoInteractionsStore implements InteractionsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordCompletion(
    completion: Completion,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'recorded' | 'duplicate'> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...completionKey(completion.userId, completion.dayKey, completion.templateId),
              ...completion,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...activeKey(completion.dayKey, completion.userId), userId: completion.userId },
          },
        },
      ],
      events,
      now,
    );
    return commit.committed ? 'recorded' : 'duplicate';
  }

  async getCompletion(userId: string, dayKey: string, templateId: string): Promise<Completion | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: completionKey(userId, dayKey, templateId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? withoutKeys<Completion>(result.Item) : undefined;
  }

  async completionsOn(userId: string, dayKey: string): Promise<Completion[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': `COMPLETION#${dayKey}#` },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => withoutKeys<Completion>(item));
  }

  async addToRoster(entry: RosterEntry): Promise<void> {
    // A failed condition means it is there already: nothing to do.
    await conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...rosterKey(entry.userId), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async appendToOutbox(events: readonly OutgoingEvent[], now: Date): Promise<void> {
    await appendToOutbox(this.db, this.tableName, events, now);
  }

  // The missed-day run (fan-out by roster page). A page is a range of user ids; the roster and the day's active
  // players are sharded by user id (keys.ts), so a range spans every shard: each read queries them all.

  async rosterKeys(): Promise<string[]> {
    // Planning is the run's one serial step: every roster key, merged across the shards into key order.
    const keys: string[] = [];
    await Promise.all(
      rosterPartitions().map(async (pk) => {
        const pages = queryPages(this.db, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'sk',
        });
        for await (const items of pages) for (const item of items) keys.push(String(item.sk));
      }),
    );
    return keys.sort();
  }

  async rosterRange(range: RosterRange): Promise<RosterEntry[]> {
    const entries = await this.inRangeOfEveryShard(rosterPartitions(), range, false);
    return entries
      .map((item) => ({ userId: String(item.userId), adoptedDay: String(item.adoptedDay) }))
      .sort((x, y) => (x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0));
  }

  async activeAmong(dayKey: string, range: RosterRange): Promise<Set<string>> {
    const items = await this.inRangeOfEveryShard(activePartitions(dayKey), range, true);
    return new Set(items.map((item) => String(item.sk)));
  }

  private async inRangeOfEveryShard(
    partitions: string[],
    range: RosterRange,
    keysOnly: boolean,
  ): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    await Promise.all(
      partitions.map(async (pk) => {
        const pages = queryPages(this.db, {
          TableName: this.tableName,
          ...rangeCondition(pk, range),
          ...(keysOnly ? { ProjectionExpression: 'sk', ConsistentRead: true } : {}),
        });
        for await (const items of pages) found.push(...items.filter(inRange(range)));
      }),
    );
    return found;
  }
}
