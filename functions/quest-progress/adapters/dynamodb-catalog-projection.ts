import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Quest } from '../../../events/quests';
import { conditionHolds, queryPages } from '../../../shared/storage/dynamodb';
import type { CatalogProjection } from '../ports';

const CATALOG_PK = 'CATALOG';
const VERSION_KEY = { pk: CATALOG_PK, sk: 'VERSION' };

/** The progress service's copy of the catalog, in its own table: one item per quest and the catalog's version. */
export class DynamoCatalogProjection implements CatalogProjection {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async applyQuest(quest: Quest): Promise<'applied' | 'stale'> {
    // The quest first, then the version: a reader that sees the new version also sees the quest. The version
    // counts the changes this copy took in (not the catalog's own version): quest.updated events may arrive out
    // of order, and a late one for another quest must still move every cache on.
    const applied = await conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: CATALOG_PK, sk: `QUEST#${quest.questId}`, ...quest },
          ConditionExpression: 'attribute_not_exists(pk) OR version < :version',
          ExpressionAttributeValues: { ':version': quest.version },
        }),
      ),
    );
    if (applied) {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: VERSION_KEY,
          UpdateExpression: 'ADD version :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    }
    return applied ? 'applied' : 'stale';
  }

  async catalogVersion(): Promise<number> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: VERSION_KEY, ConsistentRead: true }),
    );
    return Number(result.Item?.version ?? 0);
  }

  async quests(): Promise<Quest[]> {
    const quests: Quest[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': CATALOG_PK, ':prefix': 'QUEST#' },
      ConsistentRead: true,
    })) {
      for (const item of items) {
        // catalogVersion: written on the quests by earlier versions, never read.
        const { pk: _pk, sk: _sk, catalogVersion: _v, ...quest } = item;
        quests.push(quest as Quest);
      }
    }
    return quests;
  }
}
