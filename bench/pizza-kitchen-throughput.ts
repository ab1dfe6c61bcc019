/**
 * Kitchen throughput: orders cooked per second with zero preparation time, with one kitchen consumer and with
 * two. Both kitchens' event source mappings are paused, N order.placed events are put on the bus so they wait in
 * the kitchen queue, then one mapping (or both) is enabled and the run ends when all N are cooked (the kitchen
 * table's COOKED items). Travel time is 0 too, so delivery, the timeline and notifications handle the order.ready
 * events while the kitchen cooks, on the same two cores, as they would in the demo. Between runs every pizza
 * queue is allowed to settle. Preparation, travel and mapping states are restored at the end.
 *   npx tsx bench/pizza-kitchen-throughput.ts
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { EventInput } from '../events/define-event';
import { orderPlaced } from '../events/pizza';
import type { CookedOrder } from '../functions/kitchen/domain/kitchen';
import { deliveryOperator } from '../scripts/lib/delivery';
import { eventually } from '../scripts/lib/eventually';
import { kitchenOperator } from '../scripts/lib/kitchen';
import { queuesSettled } from '../scripts/lib/queues-settled';
import { clientConfig, loadOutputs } from '../scripts/lib/target';
import { createEventPublisher } from '../shared/messaging/event-publisher';
import { printTable, ratio, round, runPool, setMappingsEnabled, sleep, summarize, writeResults } from './lib';

const ORDERS = Number(process.env.BENCH_KITCHEN_ORDERS ?? 200);
/** Alternating, so that neither configuration always runs first (warm-up, the machine's other load). */
const SEQUENCE = (process.env.BENCH_KITCHEN_SEQUENCE ?? '1,2,1,2')
  .split(',')
  .map((n) => (n.trim() === '1' ? 1 : 2));
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

const totalCooked = async () =>
  Object.values(await kitchen.repository.cookedCounts()).reduce((a, b) => a + b, 0);

function newOrders(run: string, count: number): EventInput<typeof orderPlaced>[] {
  return Array.from({ length: count }, (_, i) => {
    const orderId = `ord_bk_${run}_${String(i).padStart(4, '0')}`;
    return {
      eventId: `placed#${orderId}`,
      correlationId: `bench-${randomUUID()}`,
      orderId,
      userId: `bench-kitchen-${run}`,
      pizza: 'margherita',
      quantity: 1,
      address: 'Hauptstrasse 1, 10115 Berlin',
      amountCents: 1599,
      placedAt: new Date().toISOString(),
    };
  });
}

async function runWith(consumers: number) {
  const functions = kitchen.functionNames.slice(0, consumers);
  const run = `${consumers}k${Math.random().toString(36).slice(2, 6)}`;
  const orders = newOrders(run, ORDERS);
  const before = await kitchen.repository.cookedCounts();
  const beforeTotal = Object.values(before).reduce((a, b) => a + b, 0);

  const publishStarted = performance.now();
  await publisher.publish(orderPlaced, orders);
  const publishMs = performance.now() - publishStarted;
  await eventually(async () => (await kitchen.queueDepth(outputs.KitchenQueueUrl)).visible >= ORDERS, {
    what: `${ORDERS} orders waiting in the kitchen queue`,
    timeoutMs: 60_000,
    intervalMs: 100,
  });
  // order.placed also reaches the status topic (timeline, notifications): let that finish before timing.
  await queuesSettled(
    pizzaQueues.filter((q) => q !== outputs.KitchenQueueUrl),
    { timeoutMs: 120_000 },
  );

  const t0 = performance.now();
  const mappings = await setMappingsEnabled(lambda, functions, true);
  let polls = 0;
  await eventually(
    async () => {
      polls++;
      return (await totalCooked()) - beforeTotal >= ORDERS;
    },
    { what: `${ORDERS} orders cooked by ${consumers} kitchen(s)`, timeoutMs: RUN_TIMEOUT_MS, intervalMs: 50 },
  );
  const wallMs = performance.now() - t0;
  await setMappingsEnabled(lambda, functions, false);

  // Server-side: the kitchens' own cookedAt stamps, first to last (no poller wake-up, no client polling).
  const { results: cooked } = await runPool(orders, 8, (o) => kitchen.repository.cooked(o.orderId));
  const missing = cooked.filter((c) => !c).length;
  const records = cooked.filter((c): c is CookedOrder => Boolean(c));
  const stamps = records.map((c) => Date.parse(c.cookedAt)).sort((a, b) => a - b);
  const spanMs = stamps[stamps.length - 1]! - stamps[0]!;
  const after = await kitchen.repository.cookedCounts();
  const perKitchen = Object.fromEntries(
    Object.keys(after)
      .sort()
      .map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)]),
  );
  const workers = new Set(records.map((c) => c.kitchenWorker));
  // Gaps between consecutive cookedAt stamps: what one order costs the kitchen(s) on average.
  const gaps = stamps.slice(1).map((s, i) => s - stamps[i]!);
  return {
    consumers,
    kitchens: functions,
    orders: ORDERS,
    missing,
    cookedTotal: Object.values(perKitchen).reduce((a, b) => a + b, 0),
    perKitchen,
    distinctWorkerProcesses: workers.size,
    maximumConcurrencyPerMapping: mappings.map((m) => m.maximumConcurrency ?? 'default (5 in MiniStack)'),
    publishMs: round(publishMs),
    wallMs: round(wallMs),
    wallOrdersPerSecond: round(ORDERS / (wallMs / 1000), 1),
    firstToLastCookedMs: spanMs,
    cookedOrdersPerSecond: round((records.length - 1) / (spanMs / 1000), 1),
    gapBetweenCookedMs: summarize(gaps),
    countPolls: polls,
  };
}

async function main() {
  const started = Date.now();
  const kitchenBefore = await kitchen.repository.settings();
  const deliveryBefore = await delivery.settings();
  const statesBefore = await kitchen.states();
  const results: Awaited<ReturnType<typeof runWith>>[] = [];
  try {
    await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0, fault: false });
    await delivery.updateSettings({ travelMs: 0 });
    await queuesSettled(pizzaQueues, { timeoutMs: 120_000 });
    await setMappingsEnabled(lambda, kitchen.functionNames, false);
    for (const consumers of SEQUENCE) {
      console.log(`pizza-kitchen-throughput: ${ORDERS} orders, ${consumers} kitchen consumer(s)`);
      results.push(await runWith(consumers));
      // The run's order.ready tail (delivery, timeline, notifications) must not overlap the next run.
      const settleStarted = performance.now();
      await queuesSettled(pizzaQueues, { timeoutMs: 300_000 });
      console.log(`  downstream settled ${round((performance.now() - settleStarted) / 1000)} s later`);
      await sleep(500);
    }
  } finally {
    for (const s of statesBefore) {
      await setMappingsEnabled(lambda, [s.functionName], s.state !== 'Disabled');
    }
    await kitchen.repository.updateSettings(kitchenBefore);
    await delivery.updateSettings(deliveryBefore);
  }

  printTable(
    results.map((r) => ({
      kitchens: r.consumers,
      orders: r.orders,
      missing: r.missing,
      'per kitchen': JSON.stringify(r.perKitchen),
      workers: r.distinctWorkerProcesses,
      'wall ms': r.wallMs,
      'wall orders/s': r.wallOrdersPerSecond,
      'first→last cooked ms': r.firstToLastCookedMs,
      'cooked orders/s': r.cookedOrdersPerSecond,
      'gap p50 ms': r.gapBetweenCookedMs.p50,
    })),
  );
  const mean = (consumers: number, key: 'cookedOrdersPerSecond' | 'wallOrdersPerSecond') => {
    const values = results.filter((r) => r.consumers === consumers).map((r) => r[key]);
    return round(values.reduce((a, b) => a + b, 0) / values.length, 1);
  };
  const byConsumers = Object.fromEntries(
    [1, 2].map((c) => [
      `${c}`,
      {
        cookedOrdersPerSecond: mean(c, 'cookedOrdersPerSecond'),
        wallOrdersPerSecond: mean(c, 'wallOrdersPerSecond'),
      },
    ]),
  );
  const ratios = {
    cookedOrdersPerSecond: ratio(mean(2, 'cookedOrdersPerSecond'), mean(1, 'cookedOrdersPerSecond')),
    wallOrdersPerSecond: ratio(mean(2, 'wallOrdersPerSecond'), mean(1, 'wallOrdersPerSecond')),
  };
  console.log('pizza-kitchen-throughput: mean per configuration', byConsumers);
  console.log('pizza-kitchen-throughput: two / one', ratios);
  writeResults('pizzaKitchenThroughput', {
    prepMs: 0,
    travelMs: 0,
    batchSize: 1,
    unit: 'orders cooked per second; cooked = (n-1) / (last cookedAt - first cookedAt), wall = n / (enable → all counted)',
    sequence: SEQUENCE,
    runs: results,
    meanByConsumers: byConsumers,
    ratiosTwoToOne: ratios,
    allCooked: results.every((r) => r.missing === 0 && r.cookedTotal === r.orders),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
