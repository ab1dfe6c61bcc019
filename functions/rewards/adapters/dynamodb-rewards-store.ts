import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Quest } from '../../../events/quests';
import { conditionHolds, queryPages, withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { CompletionRecord, Credit, LedgerEntry, Wallet } from '../domain/rewards';
import type { RewardsStore } from '../ports';

const pad = (n: number) => String(n).padStart(10, '0');
const userPk = (userId: string) => `USER#${userId}`;
const completionSk = (questId: string, completion: number) => `COMPLETION#${questId}#${pad(completion)}`;
const ledgerSk = (questId: string, completion: number) => `LEDGER#${questId}#${pad(completion)}`;
const WALLET_SK = 'WALLET';
const questKey = (questId: string) => ({ pk: `QUEST#${questId}`, sk: 'QUEST' });
const MAX_WALLET_READS = 5;

/**
 * The rewards table, one partition per user: COMPLETION#<quest>#<n>, WALLET (balances and how many credits made
 * them), LEDGER#<quest>#<n> (one entry per credited completion); QUEST#<id> for the quests it heard of; the outbox.
 */
export class DynamoRewardsStore implements RewardsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCompletion(userId: string, questId: string, completion: number) {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: userPk(userId), sk: completionSk(questId, completion) },
        ConsistentRead: true,
      }),
    );
    return result.Item ? withoutKeys<CompletionRecord>(result.Item) : undefined;
  }

  async saveClaimable(record: CompletionRecord): Promise<'saved' | 'duplicate'> {
    const saved = await conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: userPk(record.userId), sk: completionSk(record.questId, record.completion), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return saved ? 'saved' : 'duplicate';
  }

  async credit(credit: Credit, from: 'new' | 'claimable', now: Date): Promise<'credited' | 'conflict'> {
    const { record, ledger } = credit;
    const pk = userPk(record.userId);
    const completionCondition =
      from === 'new'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#status = :claimable',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':claimable': 'claimable' },
          };
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { pk, sk: completionSk(record.questId, record.completion), ...record },
            ...completionCondition,
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: { pk, sk: WALLET_SK },
            UpdateExpression: 'ADD #currency :amount, credits :one',
            ExpressionAttributeNames: { '#currency': ledger.currency },
            ExpressionAttributeValues: { ':amount': ledger.amount, ':one': 1 },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { pk, sk: ledgerSk(ledger.questId, ledger.completion), ...ledger },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      credit.events,
      now,
    );
    return commit.committed ? 'credited' : 'conflict';
  }

  async oldestClaimable(userId: string, questId: string): Promise<CompletionRecord | undefined> {
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#status = :claimable',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': userPk(userId),
        ':prefix': `COMPLETION#${questId}#`,
        ':claimable': 'claimable',
      },
      ConsistentRead: true,
    })) {
      if (items[0]) return withoutKeys<CompletionRecord>(items[0]);
    }
    return undefined;
  }

  async rememberQuest(quest: Pick<Quest, 'questId' | 'name' | 'version'>): Promise<void> {
    await conditionHolds(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...questKey(quest.questId),
            questId: quest.questId,
            name: quest.name,
            version: quest.version,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR version < :version',
          ExpressionAttributeValues: { ':version': quest.version },
        }),
      ),
    );
  }

  async questKnown(questId: string): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: questKey(questId), ConsistentRead: true }),
    );
    return result.Item !== undefined;
  }

  /**
   * The balances and the ledger read as one: the wallet counts the credits that made it, and the read is taken
   * again until the ledger has exactly that many entries (a credit landed between the two reads otherwise).
   */
  async wallet(userId: string): Promise<Wallet> {
    for (let round = 0; round < MAX_WALLET_READS; round++) {
      const walletItem = (
        await this.db.send(
          new GetCommand({
            TableName: this.tableName,
            Key: { pk: userPk(userId), sk: WALLET_SK },
            ConsistentRead: true,
          }),
        )
      ).Item;
      const ledger: LedgerEntry[] = [];
      for await (const items of queryPages(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPk(userId), ':prefix': 'LEDGER#' },
        ConsistentRead: true,
      })) {
        ledger.push(...items.map((item) => withoutKeys<LedgerEntry>(item)));
      }
      if (Number(walletItem?.credits ?? 0) === ledger.length) {
        return { gold: Number(walletItem?.gold ?? 0), diamond: Number(walletItem?.diamond ?? 0), ledger };
      }
    }
    throw new Error(`the wallet of ${userId} kept changing while it was read`);
  }
}
