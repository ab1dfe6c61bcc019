import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { withoutKeys } from './dynamodb';

const SETTINGS_KEY = { pk: 'SETTINGS', sk: 'SETTINGS' };

/**
 * A service's operator settings: one item in its own table (pk/sk SETTINGS), read with defaults filled in by the
 * service's domain (`parse`), changed field by field so that two operators changing different fields both win.
 */
export class SettingsItem<T extends object> {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly parse: (stored: Partial<T> | undefined) => T,
  ) {}

  async read(): Promise<T> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: SETTINGS_KEY, ConsistentRead: true }),
    );
    return this.parse(result.Item ? withoutKeys<Partial<T>>(result.Item) : undefined);
  }

  async update(change: Partial<T>): Promise<T> {
    const entries = Object.entries(change).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return this.read();
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: SETTINGS_KEY,
        UpdateExpression: `SET ${entries.map(([name]) => `#${name} = :${name}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return this.parse(withoutKeys<Partial<T>>(result.Attributes ?? {}));
  }
}
