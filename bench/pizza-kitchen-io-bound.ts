/**
 * Kitchen throughput when cooking is I/O-bound: every order takes 500 ms of preparation (the kitchen waits, it
 * does not compute), against the kitchen mapping's concurrency (1, 2, 5, 10 batches in flight, batch size 1)
 * and one kitchen against two. Concurrency 1 is reserved concurrency 1 on the kitchen function (an SQS
 * mapping's MaximumConcurrency is at least 2); the others are ScalingConfig.MaximumConcurrency. As in
 * pizza-kitchen-throughput, the kitchens' mappings are paused, N order.placed wait in the queue, then the
 * mapping(s) are enabled and the run ends when all N are cooked; orders/s = (n-1) / (first to last cookedAt).
 * Ideal: concurrency × kitchens × 2 orders/s; where the measured figure falls behind it is the host's limit.
 * Preparation, travel, mapping states, mapping concurrency and reserved concurrency are restored at the end.
 *   npx tsx bench/pizza-kitchen-io-bound.ts      (BENCH_KITCHEN_IO_ORDERS=60, BENCH_KITCHEN_IO_LEVELS=1,2,5,10)
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  PutFunctionConcurrencyCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import type { EventInput } from '../events/define-event';
import { orderPlaced } from '../events/pizza';
import type { CookedOrder } from '../functions/kitchen/domain/kitchen';
import { deliveryOperator } from '../scripts/lib/delivery';
import { eventually } from '../scripts/lib/eventually';
import { kitchenOperator } from '../scripts/lib/kitchen';
import { queuesSettled } from '../scripts/lib/queues-settled';
import { clientConfig, loadOutputs } from '../scripts/lib/target';
import { createEventPublisher } from '../shared/messaging/event-publisher';
import { printTable, ratio, round, runPool, setMappingsEnabled, sleep, writeResults } from './lib';

const ORDERS = Number(process.env.BENCH_KITCHEN_IO_ORDERS ?? 60);
const PREP_MS = 500;
const LEVELS = (process.env.BENCH_KITCHEN_IO_LEVELS ?? '1,2,5,10').split(',').map(Number);
const RUN_TIMEOUT_MS = 240_000;

const outputs = loadOutputs();
const kitchen = kitchenOperator(outputs);
const delivery = deliveryOperator(outputs);
const lambda = new LambdaClient(clientConfig());
const publisher = createEventPublisher(outputs.EventBusName, new EventBridgeClient(clientConfig()));
const pizzaQueues = [
  outputs.KitchenQueueUrl,
  outputs.DeliveryQueueUrl,
  outputs.DeliveryStepsQueueUrl,
  outputs.OrdersTimelineQueueUrl,
  outputs.NotificationsQueueUrl,
];

async function mappingOf(FunctionName: string) {
  const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName }));
  const mapping = listed.EventSourceMappings?.[0];
  if (!mapping?.UUID) throw new Error(`${FunctionName} has no event source mapping`);
  return mapping;
}

/** `level` batches in flight for the kitchen: MaximumConcurrency (>= 2), or reserved concurrency 1. */
async function setConcurrency(FunctionName: string, level: number) {
  const mapping = await mappingOf(FunctionName);
  await lambda.send(
    new UpdateEventSourceMappingCommand({
      UUID: mapping.UUID,
      ScalingConfig: { MaximumConcurrency: Math.max(2, level) },
    }),
  );
  if (level === 1) {
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName, ReservedConcurrentExecutions: 1 }));
  } else {
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName }));
  }
}

function newOrders(run: string): EventInput<typeof orderPlaced>[] {
  return Array.from({ length: ORDERS }, (_, i) => {
    const orderId = `ord_bkio_${run}_${String(i).padStart(4, '0')}`;
    return {
      eventId: `placed#${orderId}`,
      correlationId: `bench-${randomUUID()}`,
      orderId,
      userId: `bench-kitchen-io-${run}`,
      pizza: 'margherita',
      quantity: 1,
      address: 'Hauptstrasse 1, 10115 Berlin',
      amountCents: 1599,
      placedAt: new Date().toISOString(),
    };
  });
}

const totalCooked = async () =>
  Object.values(await kitchen.repository.cookedCounts()).reduce((a, b) => a + b, 0);

async function runWith(kitchens: number, level: number) {
  const functions = kitchen.functionNames.slice(0, kitchens);
  for (const f of functions) await setConcurrency(f, level);
  const run = `${kitchens}k${level}c${Math.random().toString(36).slice(2, 6)}`;
  const orders = newOrders(run);
  const beforeTotal = await totalCooked();
  await publisher.publish(orderPlaced, orders);
  await eventually(async () => (await kitchen.queueDepth(outputs.KitchenQueueUrl)).visible >= ORDERS, {
    what: `${ORDERS} orders waiting in the kitchen queue`,
    timeoutMs: 60_000,
    intervalMs: 100,
  });
  await queuesSettled(
    pizzaQueues.filter((q) => q !== outputs.KitchenQueueUrl),
    { timeoutMs: 120_000 },
  );

  const t0 = performance.now();
  await setMappingsEnabled(lambda, functions, true);
  await eventually(async () => (await totalCooked()) - beforeTotal >= ORDERS, {
    what: `${ORDERS} orders cooked by ${kitchens} kitchen(s) at concurrency ${level}`,
    timeoutMs: RUN_TIMEOUT_MS,
    intervalMs: 100,
  });
  const wallMs = performance.now() - t0;
  await setMappingsEnabled(lambda, functions, false);

  const { results: cooked } = await runPool(orders, 8, (o) => kitchen.repository.cooked(o.orderId));
  const records = cooked.filter((c): c is CookedOrder => Boolean(c));
  const stamps = records.map((c) => Date.parse(c.cookedAt)).sort((a, b) => a - b);
  const spanMs = stamps[stamps.length - 1]! - stamps[0]!;
  const ideal = (kitchens * level * 1000) / PREP_MS;
  const measured = round((records.length - 1) / (spanMs / 1000), 1);
  return {
    kitchens,
    concurrency: level,
    orders: ORDERS,
    missing: ORDERS - records.length,
    workerProcesses: new Set(records.map((c) => c.kitchenWorker)).size,
    wallMs: round(wallMs),
    wallOrdersPerSecond: round(ORDERS / (wallMs / 1000), 1),
    cookedOrdersPerSecond: measured,
    idealOrdersPerSecond: ideal,
    ofIdeal: ratio(measured, ideal),
  };
}

async function main() {
  const started = Date.now();
  const kitchenBefore = await kitchen.repository.settings();
  const deliveryBefore = await delivery.settings();
  const statesBefore = await kitchen.states();
  const concurrencyBefore = await Promise.all(
    kitchen.functionNames.map(async (FunctionName) => ({
      FunctionName,
      maximum: (await mappingOf(FunctionName)).ScalingConfig?.MaximumConcurrency,
      reserved: (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName })))
        .ReservedConcurrentExecutions,
    })),
  );
  const results: Awaited<ReturnType<typeof runWith>>[] = [];
  try {
    await kitchen.repository.updateSettings({ prepMinMs: PREP_MS, prepMaxMs: PREP_MS, fault: false });
    await delivery.updateSettings({ travelMs: 0 });
    await queuesSettled(pizzaQueues, { timeoutMs: 120_000 });
    await setMappingsEnabled(lambda, kitchen.functionNames, false);
    for (const kitchens of [1, 2]) {
      for (const level of LEVELS) {
        console.log(`pizza-kitchen-io-bound: ${ORDERS} orders, ${kitchens} kitchen(s), concurrency ${level}`);
        results.push(await runWith(kitchens, level));
        await queuesSettled(pizzaQueues, { timeoutMs: 300_000 });
        await sleep(500);
      }
    }
  } finally {
    for (const c of concurrencyBefore) {
      const mapping = await mappingOf(c.FunctionName);
      if (c.maximum !== undefined) {
        await lambda.send(
          new UpdateEventSourceMappingCommand({
            UUID: mapping.UUID,
            ScalingConfig: { MaximumConcurrency: c.maximum },
          }),
        );
      }
      if (c.reserved === undefined) {
        await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: c.FunctionName }));
      } else {
        await lambda.send(
          new PutFunctionConcurrencyCommand({
            FunctionName: c.FunctionName,
            ReservedConcurrentExecutions: c.reserved,
          }),
        );
      }
    }
    for (const s of statesBefore) await setMappingsEnabled(lambda, [s.functionName], s.state !== 'Disabled');
    await kitchen.repository.updateSettings(kitchenBefore);
    await delivery.updateSettings(deliveryBefore);
  }

  printTable(
    results.map((r) => ({
      kitchens: r.kitchens,
      concurrency: r.concurrency,
      missing: r.missing,
      workers: r.workerProcesses,
      'orders/s': r.cookedOrdersPerSecond,
      ideal: r.idealOrdersPerSecond,
      'of ideal': r.ofIdeal,
      'wall orders/s': r.wallOrdersPerSecond,
    })),
  );
  const best = Math.max(...results.map((r) => r.cookedOrdersPerSecond));
  writeResults('pizzaKitchenIoBound', {
    prepMs: PREP_MS,
    travelMs: 0,
    batchSize: 1,
    unit: 'orders cooked per second; cooked = (n-1) / (last cookedAt - first cookedAt), wall = n / (enable → all counted); ideal = kitchens × concurrency × 1000 / prepMs',
    runs: results,
    bestOrdersPerSecond: best,
    allCooked: results.every((r) => r.missing === 0),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
