import { randomUUID } from 'node:crypto';
import { orderReady } from '../../events/pizza';
import { type DeliverySettings, DRIVERS } from '../../functions/delivery/domain/delivery';
import { deliveryOperator } from '../../scripts/lib/delivery';
import { eventually, outputs, publish, queuesSettled } from '../support/platform';

jest.setTimeout(120_000);

const delivery = deliveryOperator(outputs);
const TRAVEL_MS = 1000;

const readyOrder = () => {
  const orderId = `ord_d_${randomUUID().slice(0, 12)}`;
  return {
    eventId: `ready#${orderId}`,
    correlationId: `test-${randomUUID()}`,
    orderId,
    userId: `user-${randomUUID().slice(0, 8)}`,
    kitchenWorker: 'kitchen-1/test',
    readyAt: new Date().toISOString(),
  };
};
const allDelivered = async (orderIds: string[]) => {
  const orders = await Promise.all(orderIds.map((id) => delivery.order(id)));
  return orders.every((o) => o?.status === 'DELIVERED') ? orders.map((o) => o!) : undefined;
};

let before: DeliverySettings;
beforeAll(async () => {
  before = await delivery.settings();
  // Long enough that all five drivers are still out when the sixth and seventh orders arrive.
  await delivery.updateSettings({ travelMs: TRAVEL_MS });
});
afterAll(async () => {
  await delivery.updateSettings(before);
});

describe('delivery with a pool of five drivers', () => {
  test('seven ready orders are all delivered; the two that wait get a driver once one is back', async () => {
    const orders = Array.from({ length: 7 }, readyOrder);

    await publish(orderReady, orders);

    const delivered = await eventually(() => allDelivered(orders.map((o) => o.orderId)), {
      what: 'all seven delivered',
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    // Two orders found every driver out and waited at least one round trip (two legs) for one.
    const waited = delivered.filter(
      (o) => Date.parse(o.steps.ASSIGNED!) - Date.parse(o.waitingSince) >= 2 * TRAVEL_MS - 100,
    );
    expect(waited.length).toBeGreaterThanOrEqual(2);
    expect(
      delivered.every(
        (o) => o.steps.ASSIGNED! <= o.steps.IN_TRANSIT! && o.steps.IN_TRANSIT! <= o.steps.DELIVERED!,
      ),
    ).toBe(true);
    expect(new Set(delivered.map((o) => o.driverName))).toEqual(new Set(DRIVERS.map((d) => d.name)));
  });

  test('no driver was ever on two orders at once, and each order had exactly one driver', async () => {
    const orders = Array.from({ length: 7 }, readyOrder);
    await publish(orderReady, orders);
    await eventually(() => allDelivered(orders.map((o) => o.orderId)), {
      what: 'all seven delivered',
      timeoutMs: 60_000,
      intervalMs: 500,
    });

    const histories = await Promise.all(DRIVERS.map((d) => delivery.assignments(d.driverId)));

    for (const history of histories) {
      history.forEach((assignment, index) => {
        expect(assignment.assignment).toBe(index + 1);
        const next = history[index + 1];
        if (next) {
          // Freed before (or the moment) the next order was given.
          expect(assignment.freedAt).toBeDefined();
          expect(assignment.freedAt! <= next.assignedAt).toBe(true);
        }
      });
    }
    const ours = histories.flat().filter((a) => orders.some((o) => o.orderId === a.orderId));
    expect(ours.map((a) => a.orderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
  });

  test('an order.ready delivered twice is delivered once, by one driver', async () => {
    const order = readyOrder();

    await publish(orderReady, [order, order]);

    const [delivered] = await eventually(() => allDelivered([order.orderId]), {
      what: 'the order delivered',
    });
    await queuesSettled([outputs.DeliveryQueueUrl]);
    const history = await delivery.assignments(delivered!.driverId!);
    expect(history.filter((a) => a.orderId === order.orderId)).toHaveLength(1);
    const everyone = (await Promise.all(DRIVERS.map((d) => delivery.assignments(d.driverId)))).flat();
    expect(everyone.filter((a) => a.orderId === order.orderId)).toHaveLength(1);
  });
});
