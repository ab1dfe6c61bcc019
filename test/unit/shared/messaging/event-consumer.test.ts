import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSEvent } from 'aws-lambda';
import { type EventDetail, interactionCompleted, petAdopted } from '../../../../events';
import {
  DuplicateMessageError,
  type EventHandler,
  eventConsumer,
  onEvent,
  RetryLaterError,
} from '../../../../shared/messaging/event-consumer';
import { TTL_ATTRIBUTE } from '../../../../shared/messaging/outbox';
import { lambdaContext } from '../lambda-context';
import {
  busRecord,
  DLQ_ARN,
  gate,
  inMemoryIdempotencyTable,
  QUEUE_ARN,
  recordingSqs,
  urlOf,
} from './consumer-fixtures';

type Completed = EventDetail<typeof interactionCompleted>;

const completion = (n: number): Completed => ({
  ...interactionCompleted.example,
  eventId: `completion#${n}`,
  templateId: `template-${n}`,
});

const batch = (...records: SQSEvent['Records']): SQSEvent => ({ Records: records });

/** A consumer of interaction.completed and pet.adopted over in-memory adapters; it records what it handled. */
function consumerUnderTest(
  options: {
    table?: ReturnType<typeof inMemoryIdempotencyTable>;
    handle?: (detail: Completed) => Promise<void>;
    deadLetterQueue?: boolean;
  } = {},
) {
  const table = options.table ?? inMemoryIdempotencyTable();
  const sqs = recordingSqs({ deadLetterQueue: options.deadLetterQueue });
  const handled: { eventId: string }[] = [];
  const handlers: EventHandler[] = [
    onEvent(interactionCompleted, async (detail) => {
      handled.push(detail);
      await options.handle?.(detail);
    }),
    onEvent(petAdopted, async (detail) => {
      handled.push(detail);
    }),
  ];
  const handler = eventConsumer({
    handlers,
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Test', serviceName: 'consumer-test' }),
    idempotency: { tableName: 'idempotency', client: table.client },
    sqs: sqs.client,
  });
  const invoke = (event: SQSEvent) => handler(event, lambdaContext());
  return { invoke, handled, sqs, table };
}

describe('eventConsumer', () => {
  const metricsDisabled = process.env.POWERTOOLS_METRICS_DISABLED;
  beforeAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  });
  afterAll(() => {
    if (metricsDisabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = metricsDisabled;
  });

  test('handles a record that keeps its contract once, with its detail, and reports no failure', async () => {
    const consumer = consumerUnderTest();
    const record = busRecord(interactionCompleted, interactionCompleted.example);

    const response = await consumer.invoke(batch(record));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(consumer.handled).toEqual([interactionCompleted.example]);
  });

  test('routes each record to the handler of its detail type', async () => {
    const consumer = consumerUnderTest();

    await consumer.invoke(batch(busRecord(petAdopted, petAdopted.example)));

    expect(consumer.handled).toEqual([petAdopted.example]);
  });

  test('sends a record that breaks its contract to the DLQ at once, reports it done, and never hands it to the handler', async () => {
    const consumer = consumerUnderTest();
    const good = busRecord(interactionCompleted, completion(1));
    const broken = busRecord(interactionCompleted, { ...completion(2), hpDelta: -5, extra: 'field' });

    const response = await consumer.invoke(batch(good, broken));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(consumer.sqs.sent).toEqual([
      expect.objectContaining({ QueueUrl: urlOf(DLQ_ARN), MessageBody: broken.body }),
    ]);
    expect(consumer.handled.map((d) => d.eventId)).toEqual(['completion#1']);
  });

  test('sends a record whose body is not a bus event to the DLQ at once, with the reason', async () => {
    const consumer = consumerUnderTest();
    const notAnEvent = { ...busRecord(interactionCompleted, completion(1)), body: '{"hello":"world"}' };

    const response = await consumer.invoke(batch(notAnEvent));

    expect(response.batchItemFailures).toEqual([]);
    expect(consumer.sqs.sent[0]?.MessageAttributes?.deadLetterReason?.StringValue).toMatch(/not a bus event/);
    expect(consumer.handled).toEqual([]);
  });

  test.each(['this is not JSON', '{"truncated":', ''])(
    'sends a record whose body is not JSON (%j) to the DLQ on its first receive, with the reason',
    async (body) => {
      const consumer = consumerUnderTest();
      const garbage = { ...busRecord(interactionCompleted, completion(1)), body };

      const response = await consumer.invoke(batch(garbage));

      expect(response.batchItemFailures).toEqual([]);
      expect(consumer.sqs.visibilityChanges).toEqual([]);
      expect(consumer.sqs.sent).toEqual([
        expect.objectContaining({
          QueueUrl: urlOf(DLQ_ARN),
          MessageBody: body,
          MessageAttributes: expect.objectContaining({
            deadLetterReason: expect.objectContaining({ StringValue: expect.stringMatching(/is not JSON/) }),
            sourceMessageId: expect.objectContaining({ StringValue: garbage.messageId }),
            receiveCount: expect.objectContaining({ StringValue: '1' }),
          }),
        }),
      ]);
      expect(consumer.handled).toEqual([]);
    },
  );

  test('a body that is not JSON fails alone: the good records of its batch are handled', async () => {
    const consumer = consumerUnderTest();
    const good = busRecord(interactionCompleted, completion(1));
    const garbage = { ...busRecord(interactionCompleted, completion(2)), body: 'this is not JSON' };

    const response = await consumer.invoke(batch(garbage, good));

    expect(response.batchItemFailures).toEqual([]);
    expect(consumer.handled.map((d) => d.eventId)).toEqual(['completion#1']);
    expect(consumer.sqs.sent.map((m) => m.MessageBody)).toEqual(['this is not JSON']);
  });

  test('fails a poison record like any other when its queue names no DLQ, so SQS still dead-letters it', async () => {
    const consumer = consumerUnderTest({ deadLetterQueue: false });
    const broken = busRecord(interactionCompleted, { ...completion(1), userId: '' });

    const response = await consumer.invoke(batch(broken));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: broken.messageId }] });
    expect(consumer.sqs.sent).toEqual([]);
  });

  test('schedules a failed record’s next try within the jittered backoff of its receive count', async () => {
    const consumer = consumerUnderTest({
      handle: async () => {
        throw new Error('the table is throttled');
      },
    });
    const record = busRecord(interactionCompleted, completion(1), { receiveCount: 3 });

    await consumer.invoke(batch(record));

    expect(consumer.sqs.visibilityChanges).toEqual([
      {
        QueueUrl: urlOf(QUEUE_ARN),
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: expect.any(Number),
      },
    ]);
    const delay = consumer.sqs.visibilityChanges[0]!.VisibilityTimeout!;
    expect(delay).toBeGreaterThanOrEqual(4);
    expect(delay).toBeLessThanOrEqual(8);
  });

  test('keeps each event’s idempotency record in a partition of its own, expiring by the table’s TTL attribute', async () => {
    const consumer = consumerUnderTest();
    const before = Math.floor(Date.now() / 1000);

    await consumer.invoke(
      batch(busRecord(interactionCompleted, completion(1)), busRecord(interactionCompleted, completion(2))),
    );

    const records = [...consumer.table.items.values()];
    expect(new Set(records.map((r) => r.pk?.S)).size).toBe(2);
    for (const record of records) {
      expect(Number(record[TTL_ATTRIBUTE]?.N)).toBeGreaterThanOrEqual(before + 7 * 24 * 3600);
    }
  });

  test('handles an event delivered twice only once, and reports both deliveries as done', async () => {
    const consumer = consumerUnderTest();
    const first = busRecord(interactionCompleted, interactionCompleted.example);
    const again = busRecord(interactionCompleted, interactionCompleted.example);

    const responses = [await consumer.invoke(batch(first)), await consumer.invoke(batch(again))];

    expect(responses).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(consumer.handled).toHaveLength(1);
  });

  test('drops a first-received duplicate whose twin is being handled by another message: reported done, not retried', async () => {
    const table = inMemoryIdempotencyTable();
    const held = gate();
    const entered = gate();
    const busy = consumerUnderTest({
      table,
      handle: async () => {
        entered.open();
        await held.opened;
      },
    });
    const other = consumerUnderTest({ table });
    const twin = busy.invoke(batch(busRecord(interactionCompleted, interactionCompleted.example)));
    await entered.opened;

    const response = await other.invoke(batch(busRecord(interactionCompleted, interactionCompleted.example)));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(other.handled).toEqual([]);
    expect(other.sqs.visibilityChanges).toEqual([]);
    held.open();
    await expect(twin).resolves.toEqual({ batchItemFailures: [] });
  });

  test('retries a redelivered record whose event is in progress, after the holder’s lock, since the holder may be its own earlier receive', async () => {
    const table = inMemoryIdempotencyTable();
    const held = gate();
    const entered = gate();
    const busy = consumerUnderTest({
      table,
      handle: async () => {
        entered.open();
        await held.opened;
      },
    });
    const other = consumerUnderTest({ table });
    const record = busRecord(interactionCompleted, interactionCompleted.example);
    const first = busy.invoke(batch(record));
    await entered.opened;

    const response = await other.invoke(
      batch({ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } }),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(other.handled).toEqual([]);
    // The holder's lock lasts at most one timeout of the function (the test context: 30 s), longer than the backoff.
    expect(other.sqs.visibilityChanges[0]?.VisibilityTimeout).toBeGreaterThanOrEqual(25);
    held.open();
    await first;
  });

  test('reports every record of a batch that fails entirely, without throwing', async () => {
    const consumer = consumerUnderTest({
      handle: async () => {
        throw new Error('the table is unreachable');
      },
    });
    const records = [1, 2, 3].map((n) => busRecord(interactionCompleted, completion(n)));

    const response = await consumer.invoke(batch(...records));

    expect(response.batchItemFailures).toEqual(records.map((r) => ({ itemIdentifier: r.messageId })));
  });

  test('handles an event again after its first try failed', async () => {
    let tries = 0;
    const consumer = consumerUnderTest({
      handle: async () => {
        tries += 1;
        if (tries === 1) throw new Error('a transient failure');
      },
    });
    const record = busRecord(interactionCompleted, interactionCompleted.example);

    const responses = [await consumer.invoke(batch(record)), await consumer.invoke(batch(record))];

    expect(responses.map((r) => r.batchItemFailures.length)).toEqual([1, 0]);
    expect(consumer.handled).toHaveLength(2);
  });

  test('a copy the handler finds a duplicate is reported done, and the event is not recorded as handled', async () => {
    let duplicate = true;
    const consumer = consumerUnderTest({
      handle: async () => {
        if (duplicate) throw new DuplicateMessageError('another message carries this event');
      },
    });
    const record = busRecord(interactionCompleted, interactionCompleted.example);

    const dropped = await consumer.invoke(batch(record));
    duplicate = false;
    // The other copy comes back to this consumer (its holder died): it is handled, not skipped as done.
    const twin = await consumer.invoke(batch(busRecord(interactionCompleted, interactionCompleted.example)));

    expect([dropped, twin]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(consumer.sqs.visibilityChanges).toEqual([]);
    expect(consumer.handled).toHaveLength(2);
  });

  test('a record the handler asks to retry later comes back after the time it names, not the backoff', async () => {
    const consumer = consumerUnderTest({
      handle: async () => {
        throw new RetryLaterError('held by another worker', 41);
      },
    });
    const record = busRecord(interactionCompleted, interactionCompleted.example);

    const response = await consumer.invoke(batch(record));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(consumer.sqs.visibilityChanges[0]?.VisibilityTimeout).toBe(41);
  });
});
