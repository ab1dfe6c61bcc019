import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, withoutKeys } from '../../../shared/storage/dynamodb';
import { SettingsItem } from '../../../shared/storage/settings-item';
import { type Charge, DEFAULT_MODE, isPaymentMode, type PaymentMode } from '../domain/payment';
import type { PaymentsRepository } from '../ports';

const chargeKey = (orderId: string) => ({ pk: `CHARGE#${orderId}`, sk: 'CHARGE' });

const toCharge = (item: Record<string, unknown>): Charge => withoutKeys<Charge>(item);

/**
 * The payments table: one charge per order (the order id is the processor's idempotency key, so an order is
 * never charged twice) and the operator's SETTINGS item with the mode switch.
 */
export class DynamoPaymentsRepository implements PaymentsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.settingsItem = new SettingsItem(db, tableName, (stored) => {
      const mode = String(stored?.mode ?? DEFAULT_MODE);
      return { mode: isPaymentMode(mode) ? mode : DEFAULT_MODE, changedAt: stored?.changedAt };
    });
  }

  private readonly settingsItem: SettingsItem<{ mode: PaymentMode; changedAt?: string }>;

  async mode(): Promise<PaymentMode> {
    return (await this.settingsItem.read()).mode;
  }

  async setMode(mode: PaymentMode, now: Date): Promise<void> {
    await this.settingsItem.update({ mode, changedAt: now.toISOString() });
  }

  /**
   * Records the charge unless the order has one; either way returns the order's one charge. A repeated request
   * only counts itself, it decides nothing.
   */
  async recordOnce(charge: Omit<Charge, 'requests'>): Promise<{ charge: Charge; repeated: boolean }> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...chargeKey(charge.orderId), ...charge, requests: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { charge: { ...charge, requests: 1 }, repeated: false };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: chargeKey(charge.orderId),
        UpdateExpression: 'ADD requests :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { charge: toCharge(result.Attributes ?? {}), repeated: true };
  }

  async chargeFor(orderId: string): Promise<Charge | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: chargeKey(orderId), ConsistentRead: true }),
    );
    return result.Item ? toCharge(result.Item) : undefined;
  }

  /** An operator's and a test's look: every charge of a user. A scan: fine for the demo's table, not for AWS scale. */
  async chargesOfUser(userId: string): Promise<Charge[]> {
    const charges: Charge[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'userId = :user AND sk = :charge',
          ExpressionAttributeValues: { ':user': userId, ':charge': 'CHARGE' },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) charges.push(toCharge(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return charges;
  }
}
