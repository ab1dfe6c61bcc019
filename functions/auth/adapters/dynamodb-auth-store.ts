import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { TTL_ATTRIBUTE } from '../../../shared/messaging/outbox';
import { withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { Account } from '../domain/sign-in';
import type { FailureRecord } from '../domain/throttle';
import type { AuthStore, FailureUpdate, ThrottleKey } from '../ports';

const accountKey = (userId: string) => ({ pk: `ACCOUNT#${userId}`, sk: 'ACCOUNT' });
const throttleKey = (key: ThrottleKey) =>
  key.kind === 'address'
    ? { pk: `ADDRESS#${key.address}`, sk: 'FAILURES' }
    : { pk: `ATTEMPTS#${key.username}`, sk: `FROM#${key.address}` };

const isConditionFailure = (error: unknown) =>
  ['TransactionCanceledException', 'ConditionalCheckFailedException'].includes(
    (error as { name?: string }).name ?? '',
  );

/**
 * The sign-in table: accounts (first and last sign-in, count), failure counters per username-from-address and per
 * address (each item expires by TTL once forgotten), the outbox.
 */
export class DynamoAuthStore implements AuthStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async failures(key: ThrottleKey): Promise<FailureRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: throttleKey(key), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    return { failures: Number(result.Item.failures), lastFailureAt: Number(result.Item.lastFailureAt) };
  }

  async saveFailures(updates: readonly FailureUpdate[]): Promise<'saved' | 'conflict'> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: updates.map(({ key, expected, next, expiresAt }) => ({
            Put: {
              TableName: this.tableName,
              Item: { ...throttleKey(key), ...next, [TTL_ATTRIBUTE]: expiresAt },
              ...(expected
                ? {
                    ConditionExpression: 'failures = :failures AND lastFailureAt = :lastFailureAt',
                    ExpressionAttributeValues: {
                      ':failures': expected.failures,
                      ':lastFailureAt': expected.lastFailureAt,
                    },
                  }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          })),
        }),
      );
      return 'saved';
    } catch (error) {
      if (isConditionFailure(error)) return 'conflict';
      throw error;
    }
  }

  async forgive(key: ThrottleKey, all: boolean): Promise<void> {
    if (all) {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: throttleKey(key) }));
      return;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: throttleKey(key),
          UpdateExpression: 'ADD failures :minusOne',
          ConditionExpression: 'failures > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      // Already at zero, or forgotten: nothing to forgive.
      if (!isConditionFailure(error)) throw error;
    }
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
