import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { outboxPuts } from '../../../shared/messaging/outbox';
import { isConditionFailure, queryPages } from '../../../shared/storage/dynamodb';
import { SettingsItem } from '../../../shared/storage/settings-item';
import { type CookedOrder, type KitchenSettings, settingsFrom } from '../domain/kitchen';
import type { KitchenStore } from '../ports';

const cookedKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'COOKED' });
const COUNTS_PK = 'COOKED_COUNT';

/**
 * The kitchen table: the SETTINGS item, one COOKED item per order (it exists at most once: an order is cooked
 * at most once), one counter per kitchen, and the outbox; the counter and the order.ready outbox item are
 * written in the same transaction as the COOKED item.
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

  async recordCooked(
    cooked: CookedOrder,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<{ recorded: boolean; cooked: CookedOrder }> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
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
                Key: { pk: COUNTS_PK, sk: cooked.kitchenName },
                UpdateExpression: 'ADD cooked :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
            ...outboxPuts(this.tableName, events, now),
          ],
        }),
      );
      return { recorded: true, cooked };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const first = await this.cooked(cooked.orderId);
      if (!first) throw error;
      return { recorded: false, cooked: first };
    }
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
