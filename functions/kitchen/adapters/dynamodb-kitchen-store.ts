import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { isConditionFailure, queryPages, withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import { SettingsItem } from '../../../shared/storage/settings-item';
import { type CookedOrder, type KitchenSettings, type OrderClaim, settingsFrom } from '../domain/kitchen';
import type { KitchenStore } from '../ports';

const cookedKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'COOKED' });
const claimKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'CLAIM' });
const COUNTS_PK = 'COOKED_COUNT';

/**
 * The kitchen table: the SETTINGS item, one CLAIM item per order (the kitchen cooking it, and until when), one
 * COOKED item per order (it exists at most once: an order is cooked at most once), one counter per kitchen, and
 * the outbox; the counter, the claim's COOKED mark and the order.ready outbox item are written in the same
 * transaction as the COOKED item.
 */
export class DynamoKitchenStore implements KitchenStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.settingsItem = new SettingsItem(db, tableName, settingsFrom);
  }

  private readonly settingsItem: SettingsItem<KitchenSettings>;

  async settings(): Promise<KitchenSettings> {
    return this.settingsItem.read();
  }

  async updateSettings(change: Partial<KitchenSettings>): Promise<KitchenSettings> {
    return this.settingsItem.update(change);
  }

  async cooked(orderId: string): Promise<CookedOrder | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: cookedKey(orderId), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, ...cooked } = result.Item;
    return cooked as CookedOrder;
  }

  async claimOf(orderId: string): Promise<OrderClaim | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: claimKey(orderId), ConsistentRead: true }),
    );
    return result.Item ? withoutKeys<OrderClaim>(result.Item) : undefined;
  }

  async claim(
    claim: OrderClaim,
    now: Date,
  ): Promise<{ claimed: true } | { claimed: false; current: OrderClaim | undefined }> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...claimKey(claim.orderId), ...claim },
          // domain mayClaim: nobody holds it, or the holder's lease ran out, or the holder is this kitchen; never
          // once it is cooked.
          ConditionExpression:
            'attribute_not_exists(pk) OR (#status = :cooking AND (leaseUntil <= :now OR kitchenName = :me))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':cooking': 'COOKING',
            ':now': now.toISOString(),
            ':me': claim.kitchenName,
          },
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { claimed: false, current: await this.claimOf(claim.orderId) };
    }
  }

  async recordCooked(
    cooked: CookedOrder,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<{ recorded: boolean; cooked: CookedOrder }> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...cookedKey(cooked.orderId), ...cooked },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: claimKey(cooked.orderId),
            UpdateExpression: 'SET #status = :cooked, cookedAt = :at',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':cooked': 'COOKED', ':at': cooked.cookedAt },
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: { pk: COUNTS_PK, sk: cooked.kitchenName },
            UpdateExpression: 'ADD cooked :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
      events,
      now,
    );
    if (commit.committed) return { recorded: true, cooked };
    const first = await this.cooked(cooked.orderId);
    if (!first) throw commit.error;
    return { recorded: false, cooked: first };
  }

  /** How many orders each kitchen has cooked since the table was created. */
  async cookedCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': COUNTS_PK },
      ConsistentRead: true,
    })) {
      for (const item of items) counts[String(item.sk)] = Number(item.cooked ?? 0);
    }
    return counts;
  }
}
