import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { isOutboxKey, type OutboxItem } from '../../../shared/messaging/outbox';
import type { OutboxEntry } from '../../../shared/messaging/outbox-relay';

/** Outbox items hold strings and numbers only, so this reads just those two types of a stream image. */
function plain(image: Record<string, AttributeValue>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(image)) {
    if (value.S !== undefined) out[name] = value.S;
    else if (value.N !== undefined) out[name] = Number(value.N);
  }
  return out;
}

/** arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label> */
export function tableOfStream(eventSourceArn: string | undefined): string {
  const match = /:table\/([^/]+)\/stream\//.exec(eventSourceArn ?? '');
  if (!match) throw new Error(`not a DynamoDB stream ARN: ${eventSourceArn}`);
  return match[1]!;
}

/** The outbox items a stream batch inserted, in stream order; every other change of the table is ignored. */
export function insertedOutboxItems(records: readonly DynamoDBRecord[]): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = plain(image as Record<string, AttributeValue>);
    if (!isOutboxKey(item.pk)) continue;
    entries.push({ tableName: tableOfStream(record.eventSourceARN), item: item as unknown as OutboxItem });
  }
  return entries;
}
