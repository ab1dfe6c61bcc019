/**
 * Order to delivered: POST /orders through the API with a real token (payment is synchronous), then GET
 * /orders/{id} every 25 ms until the order shows DELIVERED. Preparation and travel time are 0, so the figure is
 * the platform's own path: payment, order.placed on the bus, kitchen queue, kitchen, order.ready, delivery queue,
 * driver assignment, two step messages, the status topic, the orders timeline. Sequential, with a random
 * 0-500 ms pause between orders. Also the server-side span: the order's createdAt to its DELIVERED timeline entry.
 * Preparation and travel time are restored at the end.
 *   npx tsx bench/pizza-order-to-delivered.ts
 */
import type { TimelineEntry } from '../functions/orders/domain/order';
import { deliveryOperator } from '../scripts/lib/delivery';
import { kitchenOperator } from '../scripts/lib/kitchen';
import { queuesSettled } from '../scripts/lib/queues-settled';
import { loadOutputs } from '../scripts/lib/target';
import { createUsers, expectStatus, printTable, sleep, summarize, writeResults } from './lib';

const ORDERS = Number(process.env.BENCH_PIZZA_ORDERS ?? 30);
const POLL_MS = 25;
const TIMEOUT_PER_ORDER_MS = 30_000;
const DEADLINE_MS = 240_000;
const PIZZAS = ['margherita', 'pepperoni', 'funghi', 'quattro_formaggi', 'diavola'];

interface OrderBody {
  orderId: string;
  status: string;
  createdAt: string;
  timeline: TimelineEntry[];
}

const outputs = loadOutputs();
const kitchen = kitchenOperator(outputs);
const delivery = deliveryOperator(outputs);

async function main() {
  const started = Date.now();
  const kitchenBefore = await kitchen.repository.settings();
  const deliveryBefore = await delivery.settings();
  const toDelivered: number[] = [];
  const fromRequest: number[] = [];
  const postMs: number[] = [];
  const pollMs: number[] = [];
  const serverSide: number[] = [];
  const serverPlacedToDelivered: number[] = [];
  const pollsPerOrder: number[] = [];
  const stages: Record<string, number[]> = {};
  let timeouts = 0;
  try {
    await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0, fault: false });
    await delivery.updateSettings({ travelMs: 0 });
    await queuesSettled([outputs.KitchenQueueUrl, outputs.DeliveryQueueUrl, outputs.DeliveryStepsQueueUrl], {
      timeoutMs: 120_000,
    });
    const users = await createUsers(3, 'bench-pizza');
    // Warm-up: one order per user, not measured (each function's first invocation in this run is a cold start).
    for (const user of users) {
      const r = await user.api.post<OrderBody>('/orders', {
        pizza: 'margherita',
        quantity: 1,
        address: 'Warm 1',
      });
      expectStatus('POST /orders (warm-up)', r.status, 201, r.body);
    }
    await queuesSettled([outputs.KitchenQueueUrl, outputs.DeliveryQueueUrl, outputs.DeliveryStepsQueueUrl], {
      timeoutMs: 60_000,
    });

    const deadline = Date.now() + DEADLINE_MS;
    for (let i = 0; i < ORDERS; i++) {
      if (Date.now() > deadline) break;
      await sleep(Math.random() * 500);
      const user = users[i % users.length]!;
      const sent = performance.now();
      const placed = await user.api.post<OrderBody>('/orders', {
        pizza: PIZZAS[i % PIZZAS.length],
        quantity: 1 + (i % 3),
        address: `Benchstrasse ${i + 1}, 10115 Berlin`,
      });
      expectStatus('POST /orders', placed.status, 201, placed.body);
      const t0 = performance.now();
      postMs.push(placed.ms);
      let count = 0;
      let delivered: OrderBody | undefined;
      while (performance.now() - t0 < TIMEOUT_PER_ORDER_MS) {
        const r = await user.api.get<OrderBody>(`/orders/${placed.body.orderId}`);
        count++;
        pollMs.push(r.ms);
        if (r.status === 200 && r.body.status === 'DELIVERED') {
          delivered = r.body;
          toDelivered.push(performance.now() - t0);
          fromRequest.push(performance.now() - sent);
          break;
        }
        await sleep(POLL_MS);
      }
      if (!delivered) {
        timeouts++;
        console.warn(`order ${i}: not DELIVERED within ${TIMEOUT_PER_ORDER_MS} ms`);
        continue;
      }
      pollsPerOrder.push(count);
      const at = (status: string) => {
        const entry = delivered!.timeline.find((e) => e.status === status);
        return entry ? Date.parse(entry.at) : Number.NaN;
      };
      const created = Date.parse(delivered.createdAt);
      serverSide.push(at('DELIVERED') - created);
      serverPlacedToDelivered.push(at('DELIVERED') - at('PLACED'));
      // Each stage from the previous timeline entry (function clocks, all on this host).
      let previous = created;
      for (const status of ['PLACED', 'READY', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED']) {
        const t = at(status);
        if (Number.isNaN(t)) continue;
        if (!stages[status]) stages[status] = [];
        stages[status].push(t - previous);
        previous = t;
      }
    }
  } finally {
    await kitchen.repository.updateSettings(kitchenBefore);
    await delivery.updateSettings(deliveryBefore);
  }

  const e2e = summarize(toDelivered);
  const server = summarize(serverSide);
  printTable([
    { what: '201 -> GET shows DELIVERED', ...e2e },
    { what: 'POST sent -> DELIVERED seen', ...summarize(fromRequest) },
    { what: 'createdAt -> DELIVERED entry (server clocks)', ...server },
    { what: 'PLACED entry -> DELIVERED entry', ...summarize(serverPlacedToDelivered) },
    { what: 'POST /orders', ...summarize(postMs) },
    { what: 'GET /orders/{id} (each poll)', ...summarize(pollMs) },
    ...Object.entries(stages).map(([status, values]) => ({
      what: `  stage: previous -> ${status}`,
      ...summarize(values),
    })),
  ]);
  console.log(
    `pizza-order-to-delivered: ${timeouts} timeouts; polls per order p50 ${summarize(pollsPerOrder).p50}`,
  );
  writeResults('pizzaOrderToDelivered', {
    orders: toDelivered.length + timeouts,
    prepMs: 0,
    travelMs: 0,
    pollIntervalMs: POLL_MS,
    timeouts,
    unit: 'ms from the 201 of POST /orders to the first GET /orders/{id} answer with status DELIVERED',
    orderToDelivered: e2e,
    requestSentToDelivered: summarize(fromRequest),
    serverCreatedAtToDeliveredEntry: server,
    serverPlacedEntryToDeliveredEntry: summarize(serverPlacedToDelivered),
    stagesFromPreviousEntry: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, summarize(v)])),
    postOrders: summarize(postMs),
    getOrderPerPoll: summarize(pollMs),
    pollsPerOrder: summarize(pollsPerOrder),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
