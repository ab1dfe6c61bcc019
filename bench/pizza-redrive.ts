/**
 * Redrive of 1,000 messages from the kitchen DLQ. Both kitchens are paused, 1,000 distinct order.placed envelopes
 * (the shape an EventBridge rule delivers to SQS, detail with schemaVersion 1) are put into the kitchen DLQ with
 * SendMessageBatch, `redrive()` from scripts/lib/redrive.ts (what `npm run redrive -- kitchen` runs) moves them to
 * the kitchen queue and is timed, then the kitchen queue is drained (receive + delete-batch) and the counts are
 * checked: moved == found == 1,000, 1,000 distinct order ids in the queue, no extra copies, DLQ empty after.
 * The kitchens' mappings are restored at the end.
 *   npx tsx bench/pizza-redrive.ts
 */
import { randomUUID } from 'node:crypto';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { orderPlaced } from '../events/pizza';
import { kitchenOperator } from '../scripts/lib/kitchen';
import { queuesSettled } from '../scripts/lib/queues-settled';
import { redrive } from '../scripts/lib/redrive';
import { clientConfig, loadOutputs } from '../scripts/lib/target';
import { drainQueue, printTable, round, runPool, setMappingsEnabled, writeResults } from './lib';

const MESSAGES = Number(process.env.BENCH_REDRIVE_MESSAGES ?? 1000);

const outputs = loadOutputs();
const kitchen = kitchenOperator(outputs);
const lambda = new LambdaClient(clientConfig());
const sqs = new SQSClient(clientConfig());

function envelope(run: string, i: number): string {
  const orderId = `ord_br_${run}_${String(i).padStart(5, '0')}`;
  const time = new Date().toISOString();
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': orderPlaced.detailType,
    source: orderPlaced.source,
    account: '000000000000',
    time: `${time.slice(0, 19)}Z`,
    region: 'us-east-1',
    resources: [],
    detail: orderPlaced.schema.parse({
      eventId: `placed#${orderId}`,
      correlationId: `bench-${randomUUID()}`,
      orderId,
      userId: `bench-redrive-${run}`,
      pizza: 'margherita',
      quantity: 1,
      address: 'Hauptstrasse 1, 10115 Berlin',
      amountCents: 1599,
      placedAt: time,
      schemaVersion: orderPlaced.version,
    }),
  });
}

async function main() {
  const started = Date.now();
  const run = Math.random().toString(36).slice(2, 8);
  const statesBefore = await kitchen.states();
  let result: Record<string, unknown> | undefined;
  try {
    await queuesSettled([outputs.KitchenQueueUrl], { timeoutMs: 120_000 });
    await setMappingsEnabled(lambda, kitchen.functionNames, false);
    const dlqBefore = await kitchen.queueDepth(outputs.KitchenDlqUrl);
    const queueBefore = await kitchen.queueDepth(outputs.KitchenQueueUrl);
    if (dlqBefore.visible + dlqBefore.inFlight > 0 || queueBefore.visible + queueBefore.inFlight > 0) {
      throw new Error(
        `The kitchen queue (${JSON.stringify(queueBefore)}) and DLQ (${JSON.stringify(dlqBefore)}) must be empty first`,
      );
    }

    // Seed: 100 SendMessageBatch calls of 10, four in flight.
    const batches = Array.from({ length: Math.ceil(MESSAGES / 10) }, (_, b) =>
      Array.from({ length: Math.min(10, MESSAGES - b * 10) }, (_, j) => b * 10 + j),
    );
    const seedStarted = performance.now();
    await runPool(batches, 4, async (batch) => {
      const sent = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: outputs.KitchenDlqUrl,
          Entries: batch.map((i) => ({ Id: String(i), MessageBody: envelope(run, i) })),
        }),
      );
      if ((sent.Failed ?? []).length > 0)
        throw new Error(`SendMessageBatch failed: ${JSON.stringify(sent.Failed)}`);
    });
    const seedMs = performance.now() - seedStarted;
    const seeded = await kitchen.queueDepth(outputs.KitchenDlqUrl);
    if (seeded.visible !== MESSAGES) throw new Error(`The DLQ holds ${seeded.visible}, not ${MESSAGES}`);

    const redriveStarted = performance.now();
    const moved = await redrive(sqs, { dlqUrl: outputs.KitchenDlqUrl, queueUrl: outputs.KitchenQueueUrl });
    const redriveMs = performance.now() - redriveStarted;
    const dlqAfter = await kitchen.queueDepth(outputs.KitchenDlqUrl);
    const queueAfter = await kitchen.queueDepth(outputs.KitchenQueueUrl);

    const orderIds: string[] = [];
    let foreign = 0;
    let unparsable = 0;
    const drainStarted = performance.now();
    const drained = await drainQueue(sqs, outputs.KitchenQueueUrl, (message) => {
      try {
        const body = JSON.parse(message.Body ?? '') as {
          'detail-type'?: string;
          detail?: { orderId?: string; schemaVersion?: number };
        };
        const orderId = body.detail?.orderId ?? '';
        if (body['detail-type'] === 'order.placed' && orderId.startsWith(`ord_br_${run}_`))
          orderIds.push(orderId);
        else foreign++;
      } catch {
        unparsable++;
      }
    });
    const drainMs = performance.now() - drainStarted;
    const distinct = new Set(orderIds).size;
    const dlqEnd = await kitchen.queueDepth(outputs.KitchenDlqUrl);
    const checks = {
      movedEqualsSeeded: moved.moved === MESSAGES,
      foundEqualsSeeded: moved.found === MESSAGES,
      distinctOrderIdsInQueue: distinct === MESSAGES,
      noExtraCopies: orderIds.length === MESSAGES && foreign === 0 && unparsable === 0,
      dlqEmptyAfter: dlqAfter.visible + dlqAfter.inFlight === 0 && dlqEnd.visible + dlqEnd.inFlight === 0,
      drainComplete: !drained.timedOut,
    };
    result = {
      messages: MESSAGES,
      method: moved.method,
      found: moved.found,
      moved: moved.moved,
      redriveMs: round(redriveMs),
      redriveSeconds: round(redriveMs / 1000, 2),
      messagesPerSecond: round(MESSAGES / (redriveMs / 1000), 1),
      seedMs: round(seedMs),
      dlqAfterRedrive: dlqAfter,
      kitchenQueueAfterRedrive: queueAfter,
      drainedFromKitchenQueue: drained.received,
      orderIdsInQueue: orderIds.length,
      distinctOrderIdsInQueue: distinct,
      foreignMessages: foreign,
      unparsableMessages: unparsable,
      drainMs: round(drainMs),
      checks,
      allChecksPass: Object.values(checks).every(Boolean),
    };
  } finally {
    for (const s of statesBefore) {
      await setMappingsEnabled(lambda, [s.functionName], s.state !== 'Disabled');
    }
  }
  if (!result) throw new Error('pizza-redrive: no result');
  printTable([
    {
      messages: result.messages,
      method: result.method,
      found: result.found,
      moved: result.moved,
      'redrive s': result.redriveSeconds,
      'msg/s': result.messagesPerSecond,
      'in queue': result.orderIdsInQueue,
      distinct: result.distinctOrderIdsInQueue,
      'DLQ after': JSON.stringify(result.dlqAfterRedrive),
      'all checks': result.allChecksPass,
    },
  ]);
  writeResults('pizzaRedrive', { ...result, totalSeconds: Math.round((Date.now() - started) / 1000) });
  if (!result.allChecksPass) {
    console.error('pizza-redrive: a count check failed', result.checks);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
