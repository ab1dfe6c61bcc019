import { orderReady } from '../../../events/pizza';
import { newOrder } from '../../../functions/orders/domain/order';
import { fromReady } from '../../../functions/orders/domain/timeline';
import { getOrder } from '../../../functions/orders/use-cases/get-order';
import { listOrders } from '../../../functions/orders/use-cases/list-orders';
import { recordOrderStatus } from '../../../functions/orders/use-cases/record-order-status';
import { InMemoryOrders } from './support/in-memory-orders';

const NOW = new Date('2026-11-22T18:30:00.000Z');

async function placedOrder(orders: InMemoryOrders, orderId: string, userId: string): Promise<void> {
  const { order, entry } = newOrder({
    orderId,
    userId,
    request: { pizza: 'funghi', quantity: 1, address: 'Torstrasse 5' },
    now: NOW,
    correlationId: 'c1',
  });
  await orders.create(order, entry);
  orders.orders.set(orderId, { ...order, status: 'PLACED' });
}

const readyEvent = (orderId: string) =>
  fromReady({ ...orderReady.example, eventId: `ready#${orderId}`, orderId });

describe('reading orders', () => {
  test('the owner gets the order with its timeline', async () => {
    const orders = new InMemoryOrders();
    await placedOrder(orders, 'ord_1', 'alice');

    const found = await getOrder({ orders }, { userId: 'alice', orderId: 'ord_1' });

    expect(found).toMatchObject({ order: { orderId: 'ord_1' }, timeline: [{ status: 'PAYMENT_PENDING' }] });
  });

  test('anyone else gets nothing, as if the order did not exist', async () => {
    const orders = new InMemoryOrders();
    await placedOrder(orders, 'ord_1', 'alice');

    expect(await getOrder({ orders }, { userId: 'bob', orderId: 'ord_1' })).toBeUndefined();
  });

  test('a player lists only their own orders', async () => {
    const orders = new InMemoryOrders();
    await placedOrder(orders, 'ord_1', 'alice');
    await placedOrder(orders, 'ord_2', 'bob');

    const result = await listOrders({ orders }, { userId: 'alice', groups: ['players'], all: false });

    expect(result).toMatchObject({ outcome: 'listed', orders: [{ orderId: 'ord_1' }] });
  });

  test('a player may not list every order', async () => {
    const orders = new InMemoryOrders();

    const result = await listOrders({ orders }, { userId: 'alice', groups: ['players'], all: true });

    expect(result).toEqual({ outcome: 'forbidden' });
  });

  test('the staff list every order', async () => {
    const orders = new InMemoryOrders();
    await placedOrder(orders, 'ord_1', 'alice');
    await placedOrder(orders, 'ord_2', 'bob');

    const result = await listOrders({ orders }, { userId: 'sam', groups: ['staff'], all: true });

    expect(result.outcome === 'listed' && result.orders.map((o) => o.orderId).sort()).toEqual([
      'ord_1',
      'ord_2',
    ]);
  });
});

describe('recording an order’s status from an event', () => {
  test('a status event moves a paid order forward and adds its timeline entry', async () => {
    const orders = new InMemoryOrders();
    await placedOrder(orders, 'ord_1', 'alice');

    const result = await recordOrderStatus({ orders, now: () => NOW }, readyEvent('ord_1'));

    expect(result).toEqual({ outcome: 'recorded', entryAdded: true, moved: 'advanced' });
    expect(orders.orders.get('ord_1')?.status).toBe('READY');
  });

  test('the same event twice changes nothing the second time', async () => {
    const orders = new InMemoryOrders();
    await placedOrder(orders, 'ord_1', 'alice');
    await recordOrderStatus({ orders, now: () => NOW }, readyEvent('ord_1'));

    const again = await recordOrderStatus({ orders, now: () => NOW }, readyEvent('ord_1'));

    expect(again).toEqual({ outcome: 'recorded', entryAdded: false, moved: 'kept' });
  });

  test('an event about an order the service never took is ignored', async () => {
    const orders = new InMemoryOrders();

    const result = await recordOrderStatus({ orders, now: () => NOW }, readyEvent('ord_unknown'));

    expect(result).toEqual({ outcome: 'unknown-order' });
    expect(orders.timelines.size).toBe(0);
  });
});
