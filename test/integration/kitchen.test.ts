import { randomUUID } from 'node:crypto';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { orderPlaced } from '../../events/pizza';
import type { DeliverySettings } from '../../functions/delivery/domain/legs';
import type { KitchenSettings } from '../../functions/kitchen/domain/kitchen';
import { deliveryOperator } from '../../scripts/lib/delivery';
import { kitchenOperator } from '../../scripts/lib/kitchen';
import { withMaxReceiveCount } from '../../scripts/lib/queues';
import { redrive } from '../../scripts/lib/redrive';
import { clientConfig } from '../../scripts/lib/target';
import { eventually, outputs, publish, queueDepth, queuesSettled, sqs } from '../support/platform';

jest.setTimeout(120_000);

const kitchen = kitchenOperator(outputs);
const delivery = deliveryOperator(outputs);

const newOrder = () => {
  const orderId = `ord_k_${randomUUID().slice(0, 12)}`;
  return {
    eventId: `placed#${orderId}`,
    correlationId: `test-${randomUUID()}`,
    orderId,
    userId: `user-${randomUUID().slice(0, 8)}`,
    pizza: 'margherita',
    quantity: 1,
    address: 'Hauptstrasse 1, 10115 Berlin',
    amountCents: 1599,
    placedAt: new Date().toISOString(),
  };
};
const totalCooked = async () =>
  Object.values(await kitchen.repository.cookedCounts()).reduce((a, b) => a + b, 0);
const allCooked = async (orderIds: string[]) => {
  const cooked = await Promise.all(orderIds.map((id) => kitchen.repository.cooked(id)));
  return cooked.every(Boolean) ? cooked.map((c) => c!) : undefined;
};
const allDelivered = async (orderIds: string[]) => {
  const orders = await Promise.all(orderIds.map((id) => delivery.order(id)));
  return orders.every((o) => o?.status === 'DELIVERED') ? orders : undefined;
};

const lambda = new LambdaClient(clientConfig());

/** order.placed as the kitchen queue hands it to a kitchen: one SQS record, first receive, the bus's envelope. */
async function sqsDelivery(order: ReturnType<typeof newOrder>): Promise<SQSEvent> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: outputs.KitchenQueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const body = JSON.stringify({
    id: randomUUID(),
    source: orderPlaced.source,
    'detail-type': orderPlaced.detailType,
    time: new Date().toISOString(),
    detail: { ...order, schemaVersion: orderPlaced.version },
  });
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: `not-a-receipt-${randomUUID()}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'test',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: Attributes!.QueueArn!,
        awsRegion: 'us-east-1',
      },
    ],
  };
}

/** Hands the event straight to a kitchen function and times it: how long its oven was busy shows in the time. */
async function deliverTo(functionName: string, event: SQSEvent) {
  const started = Date.now();
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(event)) }),
  );
  const elapsedMs = Date.now() - started;
  if (result.FunctionError)
    throw new Error(`${functionName} failed: ${Buffer.from(result.Payload!).toString()}`);
  const response = JSON.parse(Buffer.from(result.Payload!).toString()) as SQSBatchResponse;
  return { functionName, elapsedMs, failures: response.batchItemFailures.length };
}

let kitchenBefore: KitchenSettings;
let deliveryBefore: DeliverySettings;

beforeAll(async () => {
  kitchenBefore = await kitchen.repository.settings();
  deliveryBefore = await delivery.settings();
  await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0, fault: false });
  await delivery.updateSettings({ travelMs: 0 });
  // Orders that other tests placed through the API may still be cooking: counts start once they are done.
  await queuesSettled([outputs.KitchenQueueUrl, outputs.DeliveryQueueUrl], { timeoutMs: 90_000 });
});

afterAll(async () => {
  await kitchen.setEnabled(true);
  await kitchen.repository.updateSettings(kitchenBefore);
  await delivery.updateSettings(deliveryBefore);
});

describe('the kitchen', () => {
  test('cooks a paid order once, even when order.placed arrives three times, and it gets delivered', async () => {
    const order = newOrder();
    const before = await totalCooked();

    await publish(orderPlaced, [order, order, order]);

    const [cooked] = await eventually(() => allCooked([order.orderId]), { what: 'the order cooked' });
    await eventually(() => allDelivered([order.orderId]), { what: 'the order delivered' });
    await queuesSettled([outputs.KitchenQueueUrl, outputs.DeliveryQueueUrl]);
    expect(cooked).toMatchObject({ orderId: order.orderId, correlationId: order.correlationId });
    expect(cooked!.kitchenWorker).toMatch(/^kitchen-[12]\/[0-9a-f]{4}$/);
    expect((await totalCooked()) - before).toBe(1);
  });

  test('the same order.placed handed to both kitchens at once goes into one oven only, and is recorded once', async () => {
    const prepMs = 4000;
    await kitchen.repository.updateSettings({ prepMinMs: prepMs, prepMaxMs: prepMs });
    const kitchens = outputs.KitchenFunctionNames.split(',');
    expect(kitchens).toHaveLength(2);
    try {
      // Both kitchens warm first (cold starts would stagger the race): an order each, cooked at once.
      await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0 });
      await Promise.all(kitchens.map(async (name) => deliverTo(name, await sqsDelivery(newOrder()))));
      await kitchen.repository.updateSettings({ prepMinMs: prepMs, prepMaxMs: prepMs });
      const order = newOrder();
      const event = await sqsDelivery(order);
      const before = await totalCooked();

      // A re-announced order.placed: two copies, one in each kitchen, at the same moment.
      const results = await Promise.all(kitchens.map((name) => deliverTo(name, event)));

      // The oven holds an order for prepMs: the kitchen that cooked it took at least that long; the other did not
      // cook, so it answered well before (and acknowledged its copy as a duplicate).
      const cookedIt = results.filter((r) => r.elapsedMs >= prepMs);
      const leftIt = results.filter((r) => r.elapsedMs < prepMs);
      expect({ cookedIt: cookedIt.length, leftIt: leftIt.length }).toEqual({ cookedIt: 1, leftIt: 1 });
      expect(results.map((r) => r.failures)).toEqual([0, 0]);
      const cooked = await kitchen.repository.cooked(order.orderId);
      expect(cooked?.kitchenName).toBe(
        kitchens.indexOf(cookedIt[0]!.functionName) === 0 ? 'kitchen-1' : 'kitchen-2',
      );
      expect((await totalCooked()) - before).toBe(1);
      expect(await kitchen.repository.claimOf(order.orderId)).toMatchObject({
        status: 'COOKED',
        kitchenName: cooked!.kitchenName,
      });
      await eventually(() => allDelivered([order.orderId]), { what: 'the order delivered' });
    } finally {
      await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0 });
    }
  });

  test('two kitchens share the work: each cooks some of ten orders', async () => {
    await kitchen.repository.updateSettings({ prepMinMs: 200, prepMaxMs: 400 });
    const orders = Array.from({ length: 10 }, newOrder);
    const before = await totalCooked();

    await publish(orderPlaced, orders);

    const cooked = await eventually(() => allCooked(orders.map((o) => o.orderId)), {
      what: 'all ten cooked',
    });
    await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0 });
    const perKitchen = new Map<string, number>();
    for (const c of cooked) perKitchen.set(c.kitchenName, (perKitchen.get(c.kitchenName) ?? 0) + 1);
    expect([...perKitchen.keys()].sort()).toEqual(['kitchen-1', 'kitchen-2']);
    expect((await totalCooked()) - before).toBe(10);
  });

  test('switched off, the kitchen leaves orders waiting in its queue; switched on, it cooks each once', async () => {
    await kitchen.setEnabled(false);
    const orders = Array.from({ length: 5 }, newOrder);
    const before = await totalCooked();

    await publish(orderPlaced, orders);

    await eventually(async () => (await queueDepth(outputs.KitchenQueueUrl)).visible >= 5, {
      what: 'five orders waiting in the kitchen queue',
    });
    expect(await Promise.all(orders.map((o) => kitchen.repository.cooked(o.orderId)))).toEqual(
      orders.map(() => undefined),
    );
    await kitchen.setEnabled(true);
    await eventually(() => allDelivered(orders.map((o) => o.orderId)), {
      what: 'all five cooked and delivered',
      timeoutMs: 60_000,
    });
    await queuesSettled([outputs.KitchenQueueUrl]);
    expect((await totalCooked()) - before).toBe(5);
  });
});

describe('the kitchen redrive demo', () => {
  // The deployed queue gives a failing order 10 tries over 7–14 minutes of backoff (ADR 5); for this test it
  // dead-letters after 3 receives, which the consumer's first two backoffs (1–2 s, 2–4 s) bring within seconds.
  afterAll(async () => {
    await kitchen.repository.updateSettings({ fault: false });
  });

  test('with a fault an order is tried three times and dead-lettered; after the fix a redrive cooks it once', async () => {
    await kitchen.repository.updateSettings({ fault: true });
    const order = newOrder();
    const before = await totalCooked();
    const dlqBefore = (await queueDepth(outputs.KitchenDlqUrl)).visible;

    await withMaxReceiveCount(outputs.KitchenQueueUrl, 3, async () => {
      await publish(orderPlaced, order);

      await eventually(async () => (await queueDepth(outputs.KitchenDlqUrl)).visible > dlqBefore, {
        what: 'the order in the kitchen DLQ',
        timeoutMs: 60_000,
        intervalMs: 500,
      });
    });
    expect(await kitchen.repository.cooked(order.orderId)).toBeUndefined();

    await kitchen.repository.updateSettings({ fault: false });
    const result = await redrive(sqs, { dlqUrl: outputs.KitchenDlqUrl, queueUrl: outputs.KitchenQueueUrl });

    expect(result.moved).toBe(result.found);
    expect(result.moved).toBeGreaterThanOrEqual(1);
    await eventually(() => allDelivered([order.orderId]), {
      what: 'the redriven order cooked and delivered',
    });
    await queuesSettled([outputs.KitchenQueueUrl]);
    expect((await totalCooked()) - before).toBe(1);
    expect((await queueDepth(outputs.KitchenDlqUrl)).visible).toBe(0);
  });
});
