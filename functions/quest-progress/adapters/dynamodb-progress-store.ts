import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHolds, queryPages, withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { ProgressState, StreamEntry } from '../domain/progress';
import type { Append, ProgressStore } from '../ports';

const SEQ_DIGITS = 10;
const pad = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');
const userPk = (userId: string) => `USER#${userId}`;
const stateSk = (questId: string) => `STATE#${questId}`;
/** Each stream and its snapshots have partitions of their own: a rebuild reads only its stream's items. */
const streamPk = (userId: string, questId: string) => `STREAM#${userId}#${questId}`;
const snapshotPk = (userId: string, questId: string) => `SNAP#${userId}#${questId}`;
const eventSk = (seq: number) => `EVENT#${pad(seq)}`;
const snapshotSk = (seq: number) => `SNAP#${pad(seq)}`;
const seenSk = (questId: string, sourceEventId: string) => `SEEN#${questId}#${sourceEventId}`;
const creditSk = (questId: string, completion: number) => `CREDIT#${questId}#${pad(completion)}`;

function stateOf(item: Record<string, unknown>): ProgressState {
  const s = withoutKeys<ProgressState>(item);
  return {
    userId: s.userId,
    questId: s.questId,
    seq: Number(s.seq),
    facts: Number(s.facts),
    sinceCompletion: Number(s.sinceCompletion),
    streakDays: [...(s.streakDays ?? [])],
    lastCompletedDay: s.lastCompletedDay ?? null,
    completions: Number(s.completions),
    updatedAt: s.updatedAt ?? null,
  };
}

/**
 * The progress table. Per user (USER#<user>): STATE#<quest> (the folded state, with its seq), SEEN#<quest>#<source
 * event id>, CREDIT#<quest>#<n>. Per stream: STREAM#<user>#<quest> / EVENT#<seq>, and SNAP#<user>#<quest> /
 * SNAP#<seq>. The catalog copy (CATALOG) and the outbox.
 */
export class DynamoProgressStore implements ProgressStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getState(userId: string, questId: string): Promise<ProgressState | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: userPk(userId), sk: stateSk(questId) },
        ConsistentRead: true,
      }),
    );
    return result.Item ? stateOf(result.Item) : undefined;
  }

  async hasSeen(userId: string, questId: string, sourceEventId: string): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: userPk(userId), sk: seenSk(questId, sourceEventId) },
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return result.Item !== undefined;
  }

  async append(append: Append, now: Date): Promise<'appended' | 'conflict'> {
    const pk = userPk(append.userId);
    const stateCondition =
      append.expectedSeq === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'seq = :expected',
            ExpressionAttributeValues: { ':expected': append.expectedSeq },
          };
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { pk, sk: stateSk(append.questId), ...append.state },
            ...stateCondition,
          },
        },
        ...append.entries.map((entry) => ({
          Put: {
            TableName: this.tableName,
            Item: {
              pk: streamPk(append.userId, append.questId),
              sk: eventSk(entry.seq),
              questId: append.questId,
              ...entry,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        })),
        {
          Put: {
            TableName: this.tableName,
            Item: { pk, sk: seenSk(append.questId, append.sourceEventId), at: now.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(append.snapshot
          ? [
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: snapshotPk(append.userId, append.questId),
                    sk: snapshotSk(append.state.seq),
                    ...append.state,
                  },
                },
              },
            ]
          : []),
      ],
      append.events,
      now,
    );
    return commit.committed ? 'appended' : 'conflict';
  }

  async states(userId: string): Promise<ProgressState[]> {
    const states: ProgressState[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': 'STATE#' },
      ConsistentRead: true,
    })) {
      states.push(...items.map(stateOf));
    }
    return states;
  }

  async *entries(userId: string, questId: string, afterSeq = 0): AsyncGenerator<StreamEntry[]> {
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      ExpressionAttributeValues: { ':pk': streamPk(userId, questId), ':after': eventSk(afterSeq) },
      ConsistentRead: true,
    })) {
      yield items.map((item) => {
        const { questId: _questId, ...entry } = withoutKeys<StreamEntry & { questId: string }>(item);
        return entry as StreamEntry;
      });
    }
  }

  async userEntries(userId: string, limit: number): Promise<(StreamEntry & { questId: string })[]> {
    const entries: (StreamEntry & { questId: string })[] = [];
    for (const state of await this.states(userId)) {
      for await (const page of this.entries(userId, state.questId)) {
        entries.push(...page.map((entry) => ({ ...entry, questId: state.questId })));
        if (entries.length >= limit) return entries.slice(0, limit);
      }
    }
    return entries;
  }

  async latestSnapshot(userId: string, questId: string): Promise<ProgressState | undefined> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': snapshotPk(userId, questId) },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = result.Items?.[0];
    return item ? stateOf(item) : undefined;
  }

  async recordCredit(userId: string, questId: string, completion: number, creditedAt: string): Promise<void> {
    await conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: userPk(userId), sk: creditSk(questId, completion), questId, completion, creditedAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async credits(userId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': 'CREDIT#' },
      ProjectionExpression: 'questId',
      ConsistentRead: true,
    })) {
      for (const item of items) counts.set(String(item.questId), (counts.get(String(item.questId)) ?? 0) + 1);
    }
    return counts;
  }
}
