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
import type { InteractionsStore } from '../ports';
import { activeKey, activePartitions, rosterKey, rosterPartitions } from './keys';

const completionKey = (userId: string, dayKey: string, templateId: string) => ({
  pk: `USER#${userId}`,
  sk: `COMPLETION#${dayKey}#${templateId}`,
});

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
          Item: { ...rosterKey(entry.userId), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  /** Pages of at most `pageSize` players, shard after shard. */
  async *rosterPages(pageSize: number): AsyncGenerator<RosterEntry[]> {
    for (const pk of rosterPartitions()) {
      const pages = queryPages(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        Limit: pageSize,
      });
      for await (const items of pages) {
        if (items.length === 0) continue;
        yield items.map((item) => ({ userId: String(item.userId), adoptedDay: String(item.adoptedDay) }));
      }
    }
  }

  async activePlayersOn(dayKey: string): Promise<Set<string>> {
    const active = new Set<string>();
    await Promise.all(
      activePartitions(dayKey).map(async (pk) => {
        const pages = queryPages(this.db, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
        });
        for await (const items of pages) for (const item of items) active.add(String(item.sk));
      }),
    );
    return active;
  }

  async appendToOutbox(events: readonly OutgoingEvent[], now: Date): Promise<void> {
    await appendToOutbox(this.db, this.tableName, events, now);
  }
}
