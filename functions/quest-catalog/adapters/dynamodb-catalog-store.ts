import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import type { Quest } from '../../../events/quests';
import { queryPages, withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { CatalogStore } from '../ports';

const QUESTS_PK = 'QUESTS';
const questKey = (questId: string) => ({ pk: QUESTS_PK, sk: `QUEST#${questId}` });
const CATALOG_KEY = { pk: 'CATALOG', sk: 'VERSION' };

/** The catalog table: one item per quest under one partition (a catalog is small), the catalog's version, the outbox. */
export class DynamoCatalogStore implements CatalogStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getQuest(questId: string): Promise<Quest | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: questKey(questId), ConsistentRead: true }),
    );
    return result.Item ? withoutKeys<Quest>(result.Item) : undefined;
  }

  async listQuests(): Promise<Quest[]> {
    const quests: Quest[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :quest)',
      ExpressionAttributeValues: { ':pk': QUESTS_PK, ':quest': 'QUEST#' },
      ConsistentRead: true,
    })) {
      quests.push(...items.map((item) => withoutKeys<Quest>(item)));
    }
    return quests;
  }

  async catalogVersion(): Promise<number> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: CATALOG_KEY, ConsistentRead: true }),
    );
    return Number(result.Item?.version ?? 0);
  }

  async saveQuest(
    quest: Quest,
    expected: { questVersion: number | undefined; catalogVersion: number },
    catalogVersion: number,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'saved' | 'conflict'> {
    const questCondition =
      expected.questVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expected.questVersion },
          };
    const catalogCondition =
      expected.catalogVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expected.catalogVersion },
          };
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...questKey(quest.questId), ...quest },
            ...questCondition,
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...CATALOG_KEY, version: catalogVersion, updatedAt: now.toISOString() },
            ...catalogCondition,
          },
        },
      ],
      events,
      now,
    );
    return commit.committed ? 'saved' : 'conflict';
  }
}
