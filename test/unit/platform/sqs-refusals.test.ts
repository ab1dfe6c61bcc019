import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { sqsRefusals } from '../../../functions/platform/adapters/sqs-refusals';
import type { OutboxItem } from '../../../shared/messaging/outbox';

/** A stand-in SQS client that keeps what it was sent and refuses what SQS refuses: an attribute without a value. */
function recordingSqs() {
  const sent: NonNullable<SendMessageBatchCommand['input']['Entries']> = [];
  const client = {
    async send(command: SendMessageBatchCommand) {
      for (const entry of command.input.Entries ?? []) {
        for (const [name, attribute] of Object.entries(entry.MessageAttributes ?? {}))
          if (!attribute.StringValue) throw new Error(`Message attribute ${name} must have a value`);
        sent.push(entry);
      }
      return { Successful: [], Failed: [] };
    },
  } as unknown as SQSClient;
  return { client, sent };
}

const item = (overrides: Partial<OutboxItem>): OutboxItem => ({
  pk: 'OUTBOX#e-1',
  sk: 'OUTBOX',
  outboxShard: '0',
  outboxCreatedAt: '2026-12-01T00:00:00.000Z',
  eventId: 'e-1',
  source: 'pizza.orders',
  detailType: 'order.placed',
  detail: '{}',
  expiration: 0,
  ...overrides,
});

describe('refused outbox items into the undeliverable queue', () => {
  const metrics = new Metrics({ namespace: 'test', serviceName: 'platform' });

  test('an item without an event id is sent without that attribute, not refused by SQS', async () => {
    const { client, sent } = recordingSqs();
    const forged = item({ eventId: undefined as unknown as string });

    await sqsRefusals(client, 'https://queue', metrics).put([
      { entry: { tableName: 'pets', item: forged }, reason: 'no contract' },
    ]);

    expect(sent).toHaveLength(1);
    expect(sent[0]!.MessageAttributes).not.toHaveProperty('eventId');
    expect(JSON.parse(sent[0]!.MessageBody!)).toMatchObject({ tableName: 'pets', reason: 'no contract' });
  });

  test('a huge item is cut so that a batch of ten stays under SQS’s size limit, its table and reason kept', async () => {
    const { client, sent } = recordingSqs();
    const huge = item({ detail: 'x'.repeat(300_000) });

    await sqsRefusals(client, 'https://queue', metrics).put(
      Array.from({ length: 10 }, () => ({
        entry: { tableName: 'pets', item: huge },
        reason: 'forged source',
      })),
    );

    const bytes = sent.reduce((sum, e) => sum + Buffer.byteLength(e.MessageBody!), 0);
    expect(bytes).toBeLessThan(256 * 1024);
    const body = JSON.parse(sent[0]!.MessageBody!);
    expect(body).toMatchObject({
      tableName: 'pets',
      reason: 'forged source',
      refusedOutboxItem: { truncated: true },
    });
    expect(sent[0]!.MessageAttributes?.eventId?.StringValue).toBe('e-1');
  });
});
