import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DynamoAnalyticsStore } from '../../../functions/analytics/adapters/dynamodb-analytics-store';
import type { Track } from '../../../functions/analytics/domain/track';
import { fakeDocumentClient } from '../shared/storage/fake-document-client';

const TABLE = 'analytics-table';
const ID = `cev_${'a'.repeat(32)}`;
const track: Track = {
  type: 'view',
  calendarEventId: ID,
  clientEventId: 'c-00000001',
  userId: 'u1',
  receivedAt: '2026-12-01T09:00:00.000Z',
};
const refused = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [],
  });

describe('DynamoAnalyticsStore', () => {
  test('counts in one transaction with the check that the event takes tracks, keyed by kind and user', async () => {
    const { db, sent } = fakeDocumentClient(() => ({}));

    await expect(new DynamoAnalyticsStore(db, TABLE).countOnce(track)).resolves.toBe('counted');

    const items = (sent[0] as TransactWriteCommand).input.TransactItems!;
    expect(items[0]?.ConditionCheck?.Key).toEqual({ pk: `CEV#${ID}`, sk: 'ORGANIZER' });
    expect(items[0]?.ConditionCheck?.ConditionExpression).toContain('attribute_not_exists(cancelledAt)');
    expect(items[1]?.Put?.Item).toEqual({ pk: `CEV#${ID}`, sk: 'USER#view#u1' });
    expect(items[2]?.Update?.Key).toEqual({ pk: `CEV#${ID}`, sk: 'DAY#2026-12-01#view' });
  });

  test('a refused count is a repeat while the event takes tracks, and not counted once it was cancelled', async () => {
    const answerWith = (item: Record<string, unknown>) =>
      fakeDocumentClient((command) => {
        if (command instanceof TransactWriteCommand) throw refused();
        if (command instanceof GetCommand) return { Item: item };
        throw new Error('unexpected command');
      }).db;

    const open = new DynamoAnalyticsStore(answerWith({ organizerId: 'org' }), TABLE);
    const cancelled = new DynamoAnalyticsStore(answerWith({ organizerId: 'org', cancelledAt: 'x' }), TABLE);

    await expect(open.countOnce(track)).resolves.toBe('duplicate');
    await expect(cancelled.countOnce(track)).resolves.toBe('not-taking-tracks');
  });

  test('ending the counts marks the event first, then gives every item of its partition the expiry', async () => {
    const items = [
      { pk: `CEV#${ID}`, sk: 'ORGANIZER', organizerId: 'org' },
      { pk: `CEV#${ID}`, sk: 'DAY#2026-12-01#view', count: 2 },
      { pk: `CEV#${ID}`, sk: 'USER#view#u1' },
    ];
    const { db, sent } = fakeDocumentClient((command) =>
      command instanceof QueryCommand ? { Items: items } : {},
    );

    await new DynamoAnalyticsStore(db, TABLE).endCounts(ID, '2026-12-01T09:00:00.000Z', 1_800_000_000);

    expect(sent.map((c) => c?.constructor.name)).toEqual([
      'UpdateCommand',
      'QueryCommand',
      'BatchWriteCommand',
    ]);
    expect((sent[0] as UpdateCommand).input.ExpressionAttributeValues).toEqual({
      ':cancelledAt': '2026-12-01T09:00:00.000Z',
      ':expiry': 1_800_000_000,
    });
    const written = (sent[2] as BatchWriteCommand).input.RequestItems![TABLE]!;
    expect(written.map((r) => r.PutRequest?.Item)).toEqual(
      items.map((i) => ({ ...i, expiration: 1_800_000_000 })),
    );
  });
});
