import { randomUUID } from 'node:crypto';
import { orderDeliveryUpdated, orderReady } from '../../events/pizza';
import type { OrderView } from '../../functions/orders/domain/order-view';
import { kitchenOperator } from '../../scripts/lib/kitchen';
import { paymentsRepository } from '../../scripts/payments';
import {
  eventually,
  newPlayer,
  outputs,
  type Player,
  publish,
  queueDepth,
  queuesSettled,
} from '../support/platform';

jest.setTimeout(90_000);

const getOrder = async (player: Player, orderId: string) =>
  (await player.api.get<OrderView>(`/orders/${orderId}`)).body;

const kitchen = kitchenOperator(outputs);
const payments = paymentsRepository(outputs);

/**
 * The events are the kitchen's and delivery's, published here by the test with ids of its own. The kitchens
 * are switched off for this suite: otherwise the real kitchen and delivery would also take each order to
 * DELIVERED, and a status that went backwards would be hidden by their later events.
 */
function statusEvents(player: Player, orderId: string) {
  const run = randomUUID().slice(0, 8);
  const base = Date.parse('2030-01-01T12:00:00.000Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  const common = { correlationId: `test-${run}`, orderId, userId: player.userId };
  const driver = { driverId: 'driver-test', driverName: 'Test Driver' };
  return {
    ready: { ...common, eventId: `test-ready#${run}`, kitchenWorker: `test-kitchen/${run}`, readyAt: at(1) },
    assigned: {
      ...common,
      ...driver,
      eventId: `test-assigned#${run}`,
      status: 'ASSIGNED' as const,
      at: at(2),
    },
    inTransit: {
      ...common,
      ...driver,
      eventId: `test-transit#${run}`,
      status: 'IN_TRANSIT' as const,
      at: at(3),
    },
    delivered: {
      ...common,
      ...driver,
      eventId: `test-delivered#${run}`,
      status: 'DELIVERED' as const,
      at: at(4),
    },
  };
}

describe('the orders timeline takes each status event once and only moves an order forward', () => {
  let player: Player;

  beforeAll(async () => {
    player = await newPlayer();
    await payments.setMode('on', new Date());
    await kitchen.setEnabled(false);
  });

  afterAll(async () => {
    await payments.setMode('on', new Date());
    await kitchen.setEnabled(true);
  });

  test('events that arrive out of order and twice appear once each, in the order they happened', async () => {
    const placed = await player.api.post<OrderView>('/orders', {
      pizza: 'funghi',
      quantity: 1,
      address: 'Teststrasse 2',
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId;
    const events = statusEvents(player, orderId);

    await publish(orderDeliveryUpdated, [events.delivered, events.assigned]);
    await publish(orderReady, [events.ready, events.ready]);
    await publish(orderDeliveryUpdated, [events.inTransit, events.delivered, events.assigned]);

    const ids = Object.values(events).map((e) => e.eventId);
    await eventually(
      async () => {
        const seen = (await getOrder(player, orderId)).timeline.map((e) => e.eventId);
        return ids.every((id) => seen.includes(id));
      },
      { what: 'all four status events on the timeline' },
    );
    await queuesSettled([outputs.OrdersTimelineQueueUrl]);
    const order = await getOrder(player, orderId);
    const mine = order.timeline.filter((e) => ids.includes(e.eventId));
    expect(mine.map((e) => e.status)).toEqual(['READY', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED']);
    expect(mine.find((e) => e.status === 'READY')?.kitchenWorker).toBe(events.ready.kitchenWorker);
    expect(mine.find((e) => e.status === 'DELIVERED')?.driverName).toBe('Test Driver');
    expect(order.status).toBe('DELIVERED');
  });

  test('an event that arrives after a later one does not take the order back', async () => {
    const placed = await player.api.post<OrderView>('/orders', {
      pizza: 'diavola',
      quantity: 1,
      address: 'Teststrasse 3',
    });
    const orderId = placed.body.orderId;
    const events = statusEvents(player, orderId);
    await publish(orderDeliveryUpdated, events.delivered);
    await eventually(async () => (await getOrder(player, orderId)).status === 'DELIVERED', {
      what: 'the order delivered',
    });

    await publish(orderReady, events.ready);

    await eventually(
      async () => (await getOrder(player, orderId)).timeline.some((e) => e.eventId === events.ready.eventId),
      { what: 'the late order.ready on the timeline' },
    );
    expect((await getOrder(player, orderId)).status).toBe('DELIVERED');
  });

  test('a status event does not move an order that was never paid', async () => {
    let failed: { status: number; body: OrderView };
    try {
      await payments.setMode('off', new Date());
      failed = await player.api.post<OrderView>('/orders', {
        pizza: 'funghi',
        quantity: 1,
        address: 'Teststrasse 4',
      });
    } finally {
      await payments.setMode('on', new Date());
    }
    expect(failed.status).toBe(503);
    const orderId = failed.body.orderId;
    const events = statusEvents(player, orderId);

    await publish(orderReady, events.ready);
    await publish(orderDeliveryUpdated, events.delivered);

    await eventually(
      async () => {
        const seen = (await getOrder(player, orderId)).timeline.map((e) => e.eventId);
        return seen.includes(events.ready.eventId) && seen.includes(events.delivered.eventId);
      },
      { what: 'both status events handled' },
    );
    expect((await getOrder(player, orderId)).status).toBe('PAYMENT_FAILED');
  });

  test('a status event for an order the service never took is dropped without a retry or a DLQ', async () => {
    const ghost = `ord_${randomUUID()}`;
    const events = statusEvents(player, ghost);

    await publish(orderReady, events.ready);

    await queuesSettled([outputs.OrdersTimelineQueueUrl]);
    const dlq = await queueDepth(outputs.OrdersTimelineDlqUrl);
    expect(dlq.visible).toBe(0);
    expect((await player.api.get(`/orders/${ghost}`)).status).toBe(404);
  });
});
