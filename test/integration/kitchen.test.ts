import { randomUUID } from 'node:crypto';
import { orderPlaced } from '../../events/pizza';
import type { DeliverySettings } from '../../functions/delivery/domain/delivery';
import type { KitchenSettings } from '../../functions/kitchen/domain/kitchen';
import { deliveryOperator } from '../../scripts/lib/delivery';
import { kitchenOperator } from '../../scripts/lib/kitchen';
import { withMaxReceiveCount } from '../../scripts/lib/queues';
import { redrive } from '../../scripts/lib/redrive';
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
