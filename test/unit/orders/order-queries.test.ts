import { orderReady } from '../../../events/pizza';
import { newOrder } from '../../../functions/orders/domain/order';
import {
  decodeListCursor,
  encodeListCursor,
  type ListPosition,
} from '../../../functions/orders/domain/order-list';
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

    const result = await listOrders(
      { orders },
      { userId: 'alice', groups: ['players'], all: false, limit: 20 },
    );

    expect(result).toMatchObject({ outcome: 'listed', orders: [{ orderId: 'ord_1' }] });
  });

  test('a player may not list every order', async () => {
    const orders = new InMemoryOrders();

    const result = await listOrders(
      { orders },
      { userId: 'alice', groups: ['players'], all: true, limit: 20 },
    );

    expect(result).toEqual({ outcome: 'forbidden' });
  });

  test('the staff list every order', async () => {
    const orders = new InMemoryOrders();
    await placedOrder(orders, 'ord_1', 'alice');
    await placedOrder(orders, 'ord_2', 'bob');

    const result = await listOrders({ orders }, { userId: 'sam', groups: ['staff'], all: true, limit: 20 });

    expect(result.outcome === 'listed' && result.orders.map((o) => o.orderId).sort()).toEqual([
      'ord_1',
      'ord_2',
    ]);
  });
});

describe('listing orders a page at a time', () => {
  /** Seven orders a minute apart, two of them at the same moment (ties go by id). */
  async function sevenOrders(orders: InMemoryOrders, userId = 'alice') {
    for (let i = 1; i <= 7; i++) {
      const at = new Date(NOW.getTime() + Math.min(i, 6) * 60_000);
      const { order, entry } = newOrder({
        orderId: userId === 'alice' ? `ord_${i}` : `ord_${userId}_${i}`,
        userId,
        request: { pizza: 'funghi', quantity: 1, address: 'Torstrasse 5' },
        now: at,
        correlationId: 'c1',
      });
      await orders.create(order, entry);
    }
  }

  async function everyPage(
    orders: InMemoryOrders,
    input: { all: boolean; limit: number; groups?: string[] },
  ) {
    const pages: string[][] = [];
    let after: ListPosition | undefined;
    do {
      const result = await listOrders(
        { orders },
        { userId: 'alice', groups: input.groups ?? ['players'], all: input.all, limit: input.limit, after },
      );
      if (result.outcome !== 'listed') throw new Error(result.outcome);
      pages.push(result.orders.map((o) => o.orderId));
      after = result.next;
    } while (after);
    return pages;
  }

  test('the caller’s pages hold every order once, newest first, and the last page says there is no more', async () => {
    const orders = new InMemoryOrders();
    await sevenOrders(orders);
    await sevenOrders(orders, 'bob');

    const pages = await everyPage(orders, { all: false, limit: 3 });

    expect(pages).toEqual([['ord_7', 'ord_6', 'ord_5'], ['ord_4', 'ord_3', 'ord_2'], ['ord_1']]);
  });

  test('a page that ends exactly at the last order is the last page', async () => {
    const orders = new InMemoryOrders();
    await sevenOrders(orders);

    expect(await everyPage(orders, { all: false, limit: 7 })).toEqual([
      ['ord_7', 'ord_6', 'ord_5', 'ord_4', 'ord_3', 'ord_2', 'ord_1'],
    ]);
  });

  test('the staff page through every order', async () => {
    const orders = new InMemoryOrders();
    await sevenOrders(orders);

    const pages = await everyPage(orders, { all: true, limit: 4, groups: ['staff'] });

    expect(pages).toEqual([
      ['ord_7', 'ord_6', 'ord_5', 'ord_4'],
      ['ord_3', 'ord_2', 'ord_1'],
    ]);
  });
});

describe('the list cursor', () => {
  const position = {
    createdAt: '2026-11-22T18:30:00.000Z',
    orderId: 'ord_0f8e1c2a-1b2c-4d5e-8f90-123456789abc',
  };

  test('is opaque base64url, and reads back as the position it was made from', () => {
    const cursor = encodeListCursor(position);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(cursor)).toEqual(position);
  });

  test.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['the wrong shape', Buffer.from(JSON.stringify({ createdAt: position.createdAt })).toString('base64url')],
    ['a bad time', Buffer.from(JSON.stringify(['yesterday', position.orderId])).toString('base64url')],
    [
      'another kind of id',
      Buffer.from(JSON.stringify([position.createdAt, 'USER#bob'])).toString('base64url'),
    ],
    [
      'three values',
      Buffer.from(JSON.stringify([position.createdAt, position.orderId, 'x'])).toString('base64url'),
    ],
  ])('refuses %s', (_what, cursor) => {
    expect(decodeListCursor(cursor)).toBeUndefined();
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
