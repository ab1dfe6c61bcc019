import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionHolds, queryPages } from '../../../shared/storage/dynamodb';
import type { Completion } from '../domain/completion';
import type { RosterEntry } from '../domain/missed-day';

export interface StoredCompletion extends Completion {
  /** Set once interaction.completed is on the bus. */
  publishedAt?: string;
}

const completionKey = (userId: string, dayKey: string, templateId: string) => ({
  pk: `USER#${userId}`,
  sk: `COMPLETION#${dayKey}#${templateId}`,
});
/** One item per player and active day, so the missed-day job reads a day's active players in a few pages. */
const activeKey = (dayKey: string, userId: string) => ({ pk: `ACTIVE#${dayKey}`, sk: userId });
const ROSTER_PK = 'ROSTER';

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

/** The interactions table: completions, the day's active players, and the roster of players with a pet. */
export class InteractionsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records the completion and marks the player active that day, together; 'duplicate' if it was already done. */
  async recordCompletion(completion: Completion): Promise<'recorded' | 'duplicate'> {
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
          ],
        }),
      ),
    ))
      ? 'recorded'
      : 'duplicate';
  }

  async getCompletion(
    userId: string,
    dayKey: string,
    templateId: string,
  ): Promise<StoredCompletion | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: completionKey(userId, dayKey, templateId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? strip<StoredCompletion>(result.Item) : undefined;
  }

  async markPublished(completion: Completion, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: completionKey(completion.userId, completion.dayKey, completion.templateId),
        UpdateExpression: 'SET publishedAt = :at',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }

  async completionsOn(userId: string, dayKey: string): Promise<StoredCompletion[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': `COMPLETION#${dayKey}#` },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => strip<StoredCompletion>(item));
  }

  /** Adds a player to the roster; a repeated adoption keeps the first day. */
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
}
