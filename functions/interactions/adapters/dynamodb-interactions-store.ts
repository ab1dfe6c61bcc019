import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { outboxPuts } from '../../../shared/messaging/outbox';
import { conditionHolds, queryPages } from '../../../shared/storage/dynamodb';
import { appendToOutbox } from '../../../shared/storage/outbox-store';
import type { Completion } from '../domain/completion';
import type { RosterEntry } from '../domain/missed-day';
import type { RosterRange } from '../domain/missed-day-run';
import type { InteractionsStore } from '../ports';

const completionKey = (userId: string, dayKey: string, templateId: string) => ({
  pk: `USER#${userId}`,
  sk: `COMPLETION#${dayKey}#${templateId}`,
});
/** One item per player and active day, so the missed-day job reads a day's active players in a few pages. */
const activeKey = (dayKey: string, userId: string) => ({ pk: `ACTIVE#${dayKey}`, sk: userId });
const ROSTER_PK = 'ROSTER';

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

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

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
    return (await conditionHolds(
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
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
            ...outboxPuts(this.tableName, events, now),
          ],
        }),
      ),
    ))
      ? 'recorded'
      : 'duplicate';
  }

  async getCompletion(userId: string, dayKey: string, templateId: string): Promise<Completion | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: completionKey(userId, dayKey, templateId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? strip<Completion>(result.Item) : undefined;
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
    return (result.Items ?? []).map((item) => strip<Completion>(item));
  }

  async addToRoster(entry: RosterEntry): Promise<void> {
    // A failed condition means it is there already: nothing to do.
    await conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: ROSTER_PK, sk: entry.userId, ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async *rosterPages(pageSize: number): AsyncGenerator<RosterEntry[]> {
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ROSTER_PK },
      Limit: pageSize,
    });
    for await (const items of pages) {
      yield items.map((item) => ({ userId: String(item.userId), adoptedDay: String(item.adoptedDay) }));
    }
  }

  async activePlayersOn(dayKey: string): Promise<Set<string>> {
    const active = new Set<string>();
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `ACTIVE#${dayKey}` },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    });
    for await (const items of pages) for (const item of items) active.add(String(item.sk));
    return active;
  }

  async appendToOutbox(events: readonly OutgoingEvent[], now: Date): Promise<void> {
    await appendToOutbox(this.db, this.tableName, events, now);
  }

  // The missed-day run (fan-out by roster page). Kept apart from rosterPages/activePlayersOn above.

  async *rosterKeyPages(): AsyncGenerator<string[]> {
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ROSTER_PK },
      ProjectionExpression: 'sk',
    });
    for await (const items of pages) yield items.map((item) => String(item.sk));
  }

  async rosterRange(range: RosterRange): Promise<RosterEntry[]> {
    const entries: RosterEntry[] = [];
    const pages = queryPages(this.db, { TableName: this.tableName, ...rangeCondition(ROSTER_PK, range) });
    for await (const items of pages) {
      for (const item of items.filter(inRange(range))) {
        entries.push({ userId: String(item.userId), adoptedDay: String(item.adoptedDay) });
      }
    }
    return entries;
  }

  async activeAmong(dayKey: string, range: RosterRange): Promise<Set<string>> {
    const active = new Set<string>();
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      ...rangeCondition(activeKey(dayKey, '').pk, range),
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    });
    for await (const items of pages)
      for (const item of items.filter(inRange(range))) active.add(String(item.sk));
    return active;
  }
}
