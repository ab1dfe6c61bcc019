import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { interactionCompleted, orderPlaced } from '../../../../events';
import { outgoing } from '../../../../events/define-event';
import { outboxItem } from '../../../../shared/messaging/outbox';
import { commitWithOutbox, type TransactItem } from '../../../../shared/storage/outbox-commit';
import { fakeDocumentClient as fakeDb } from './fake-document-client';

const NOW = new Date('2026-11-22T08:15:00.000Z');
const TABLE = 'table-1';
const { schemaVersion: _c, ...completed } = interactionCompleted.example;
const { schemaVersion: _p, ...placed } = orderPlaced.example;
const EVENTS = [outgoing(interactionCompleted, completed), outgoing(orderPlaced, placed)];
const STATE: TransactItem[] = [
  { Put: { TableName: TABLE, Item: { pk: 'A', sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' } },
  {
    Update: {
      TableName: TABLE,
      Key: { pk: 'B', sk: 'B' },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': 1 },
    },
  },
];

const cancelled = (reasons: { Code: string; Item?: Record<string, unknown> }[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons as TransactionCanceledException['CancellationReasons'],
  });

describe('commitWithOutbox', () => {
  test('writes the state items and then one outbox put per event, in one transaction on the table', async () => {
    const { db, sent } = fakeDb(() => ({}));

    await commitWithOutbox(db, TABLE, STATE, EVENTS, NOW);

    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(TransactWriteCommand);
    expect((sent[0] as TransactWriteCommand).input.TransactItems).toEqual([
      ...STATE,
      { Put: { TableName: TABLE, Item: outboxItem(EVENTS[0]!, NOW) } },
      { Put: { TableName: TABLE, Item: outboxItem(EVENTS[1]!, NOW) } },
    ]);
  });

  test('with no events, writes the state items alone', async () => {
    const { db, sent } = fakeDb(() => ({}));

    await commitWithOutbox(db, TABLE, STATE, [], NOW);

    expect((sent[0] as TransactWriteCommand).input.TransactItems).toEqual(STATE);
  });

  test('answers committed when the transaction is written', async () => {
    const { db } = fakeDb(() => ({}));

    await expect(commitWithOutbox(db, TABLE, STATE, EVENTS, NOW)).resolves.toEqual({ committed: true });
  });

  test('answers not committed when a condition fails, with each item reason indexed as the state items', async () => {
    const error = cancelled([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Item: { status: { S: 'CANCELLED' } } },
      { Code: 'None' },
      { Code: 'None' },
    ]);
    const { db } = fakeDb(() => {
      throw error;
    });

    const commit = await commitWithOutbox(db, TABLE, STATE, EVENTS, NOW);

    expect(commit).toEqual({ committed: false, reasons: error.CancellationReasons, error });
    expect(commit.committed === false && commit.reasons?.[1]?.Item?.status?.S).toBe('CANCELLED');
  });

  test('answers not committed, without reasons, when the target says only that a condition failed', async () => {
    const error = new ConditionalCheckFailedException({
      message: 'The conditional request failed',
      $metadata: {},
    });
    const { db } = fakeDb(() => {
      throw error;
    });

    await expect(commitWithOutbox(db, TABLE, STATE, EVENTS, NOW)).resolves.toEqual({
      committed: false,
      reasons: undefined,
      error,
    });
  });

  test('throws every other error', async () => {
    const error = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    const { db } = fakeDb(() => {
      throw error;
    });

    await expect(commitWithOutbox(db, TABLE, STATE, EVENTS, NOW)).rejects.toBe(error);
  });

  test('writes nothing when an event breaks its contract', async () => {
    const { db, sent } = fakeDb(() => ({}));
    const broken = outgoing(interactionCompleted, { ...completed, hpDelta: 'a lot' as unknown as number });

    await expect(commitWithOutbox(db, TABLE, STATE, [broken], NOW)).rejects.toThrow(
      /does not match its contract/,
    );
    expect(sent).toEqual([]);
  });
});
