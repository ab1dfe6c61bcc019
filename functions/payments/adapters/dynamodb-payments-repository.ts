import { type DynamoDBDocumentClient, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, queryPages, withoutKeys } from '../../../shared/storage/dynamodb';
import { SettingsItem } from '../../../shared/storage/settings-item';
import { type Charge, DEFAULT_MODE, isPaymentMode, type PaymentMode } from '../domain/payment';
import type { PaymentsRepository } from '../ports';

/** An order's attempts under one partition, one item each: the attempt is the processor's idempotency key. */
const ATTEMPT_PREFIX = 'ATTEMPT#';
const orderPartition = (orderId: string) => `CHARGE#${orderId}`;
const attemptKey = (orderId: string, attempt: number) => ({
  pk: orderPartition(orderId),
  sk: `${ATTEMPT_PREFIX}${String(attempt).padStart(4, '0')}`,
});

const toCharge = (item: Record<string, unknown>): Charge => withoutKeys<Charge>(item);

/**
 * The payments table: one record per charge attempt (an order and the attempt's number, chosen by the orders
 * service): its charge, paid or declined, or the void of a settle that came first; and the operator's SETTINGS
 * item with the mode switch.
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
   * Writes the attempt's record (a charge or a void) unless the attempt has one; either way returns the attempt's
   * one record. A repeated request only counts itself, it decides nothing.
   */
  async recordOnce(charge: Omit<Charge, 'requests'>): Promise<{ charge: Charge; repeated: boolean }> {
    const key = attemptKey(charge.orderId, charge.attempt);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...charge, requests: 1 },
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
        Key: key,
        UpdateExpression: 'ADD requests :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { charge: toCharge(result.Attributes ?? {}), repeated: true };
  }

  async attemptsOf(orderId: string): Promise<Charge[]> {
    const attempts: Charge[] = [];
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': orderPartition(orderId), ':prefix': ATTEMPT_PREFIX },
      ConsistentRead: true,
    });
    for await (const items of pages) for (const item of items) attempts.push(toCharge(item));
    return attempts;
  }

  async chargeFor(orderId: string): Promise<Charge | undefined> {
    return (await this.attemptsOf(orderId)).find((attempt) => attempt.outcome !== 'voided');
  }

  /**
   * An operator's and a test's look: every charge of a user, paid or declined (voids are no charges). A scan: fine
   * for the demo's table, not for AWS scale.
   */
  async chargesOfUser(userId: string): Promise<Charge[]> {
    const charges: Charge[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'userId = :user AND begins_with(sk, :prefix) AND outcome <> :voided',
          ExpressionAttributeValues: { ':user': userId, ':prefix': ATTEMPT_PREFIX, ':voided': 'voided' },
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
