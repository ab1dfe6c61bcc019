import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { TTL_ATTRIBUTE } from '../../../shared/messaging/outbox';
import { withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { Account } from '../domain/sign-in';
import type { AuthStore } from '../ports';

const accountKey = (userId: string) => ({ pk: `ACCOUNT#${userId}`, sk: 'ACCOUNT' });

/** The sign-in table: accounts (first and last sign-in, count), attempt counters per username and window, the outbox. */
export class DynamoAuthStore implements AuthStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async countAttempt(username: string, windowStart: number, expiresAt: number): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `ATTEMPTS#${username}`, sk: `WINDOW#${windowStart}` },
        UpdateExpression: 'ADD attempts :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.attempts ?? 1);
  }

  async getAccount(userId: string): Promise<Account | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: accountKey(userId), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    return withoutKeys<Account>(result.Item);
  }

  async saveSignIn(
    account: Account,
    expectedSignIns: number | undefined,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'saved' | 'conflict'> {
    const condition =
      expectedSignIns === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'signIns = :expected',
            ExpressionAttributeValues: { ':expected': expectedSignIns },
          };
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...accountKey(account.userId), ...account },
            ...condition,
          },
        },
      ],
      events,
      now,
    );
    return commit.committed ? 'saved' : 'conflict';
  }
}
