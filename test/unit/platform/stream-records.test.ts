import type { DynamoDBRecord } from 'aws-lambda';
import { interactionCompleted } from '../../../events';
import { outgoing } from '../../../events/define-event';
import { insertedOutboxItems, tableOfStream } from '../../../functions/platform/adapters/stream-records';
import { outboxItem } from '../../../shared/messaging/outbox';

const ARN =
  'arn:aws:dynamodb:us-east-1:000000000000:table/Interactions-Table-1/stream/2026-11-22T08:00:00.000';
const { schemaVersion: _v, ...detail } = interactionCompleted.example;
const item = outboxItem(outgoing(interactionCompleted, detail), new Date('2026-11-22T08:00:00Z'));

const image = (values: Record<string, string | number>) =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? { N: String(v) } : { S: v }]),
  );
const record = (
  eventName: DynamoDBRecord['eventName'],
  values: Record<string, string | number>,
): DynamoDBRecord => ({
  eventName,
  eventSourceARN: ARN,
  dynamodb: { NewImage: image(values) },
});

describe('insertedOutboxItems', () => {
  test('reads an inserted outbox item back as it was written, with its table', () => {
    const entries = insertedOutboxItems([record('INSERT', { ...item })]);

    expect(entries).toEqual([{ tableName: 'Interactions-Table-1', item }]);
  });

  test('ignores the state written beside it, updates and removals', () => {
    const entries = insertedOutboxItems([
      record('INSERT', { pk: 'USER#u-1', sk: 'COMPLETION#2026-11-22#drink_water' }),
      record('MODIFY', { ...item }),
      { eventName: 'REMOVE', eventSourceARN: ARN, dynamodb: {} },
    ]);

    expect(entries).toEqual([]);
  });
});

describe('tableOfStream', () => {
  test('names the table of a stream ARN and refuses anything else', () => {
    expect(tableOfStream(ARN)).toBe('Interactions-Table-1');
    expect(() => tableOfStream('arn:aws:sqs:us-east-1:000000000000:queue')).toThrow(/not a DynamoDB stream/);
  });
});
