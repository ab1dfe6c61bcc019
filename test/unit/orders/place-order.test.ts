import type { Logger } from '@aws-lambda-powertools/logger';
import type { OrdersRepository } from '../../../functions/orders/adapters/orders-repository';
import type { PaymentsClient } from '../../../functions/orders/adapters/payments-client';
import type {
  Order,
  OrderStatus,
  PaymentResult,
  TimelineEntry,
} from '../../../functions/orders/domain/order';
import { placeOrder } from '../../../functions/orders/place-order';
import type { EventPublisher } from '../../../shared/messaging/event-publisher';

/** An in-memory orders table with the same conditions as the real one. */
function fakeOrders() {
  const orders = new Map<string, Order>();
  const keys = new Map<string, { orderId: string; fingerprint: string }>();
  const repo = {
    async create(order: Order, _entry: TimelineEntry, key?: { key: string; fingerprint: string }) {
      if (key && keys.has(key.key)) return 'key-taken' as const;
      if (key) keys.set(key.key, { orderId: order.orderId, fingerprint: key.fingerprint });
      orders.set(order.orderId, { ...order });
      return 'created' as const;
    },
    async idempotencyRecord(_userId: string, key: string) {
      const record = keys.get(key);
      return record ? { userId: 'u1', key, createdAt: '', ...record } : undefined;
    },
    async get(orderId: string) {
      const order = orders.get(orderId);
      return order ? { ...order } : undefined;
    },
    async recordPayment(orderId: string, status: OrderStatus) {
      const order = orders.get(orderId)!;
      if (order.status !== 'PAYMENT_PENDING' && order.status !== 'PAYMENT_FAILED') return 'stale' as const;
      orders.set(orderId, { ...order, status, ...(status === 'PLACED' ? { placedAt: 'now' } : {}) });
      return 'recorded' as const;
    },
    async markPlacedPublished(orderId: string) {
      orders.set(orderId, { ...orders.get(orderId)!, placedPublishedAt: 'now' });
    },
  };
  return { repo: repo as unknown as OrdersRepository, orders };
}

function setUp(answers: PaymentResult['outcome'][]) {
  const { repo, orders } = fakeOrders();
  const charges: string[] = [];
  const published: string[] = [];
  const payments: PaymentsClient = {
    async charge(request) {
      charges.push(request.orderId);
      const outcome = answers.shift() ?? 'paid';
      if (outcome === 'paid') return { outcome, chargeId: 'ch_1' };
      return { outcome, reason: 'test' };
    },
  };
  const publisher = {
    async publish(_definition: unknown, detail: { eventId: string }) {
      published.push(detail.eventId);
    },
  } as unknown as EventPublisher;
  const logger = { info: () => {}, appendKeys: () => {} } as unknown as Logger;
  let next = 0;
  const deps = {
    orders: repo,
    payments,
    publisher,
    logger,
    now: () => new Date('2026-11-22T18:30:00.000Z'),
    newOrderId: () => `ord_${++next}`,
  };
  return { deps, orders, charges, published };
}

const request = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1' };
const input = (idempotencyKey?: string) => ({ userId: 'u1', request, correlationId: 'c1', idempotencyKey });

describe('placing an order', () => {
  test('a paid order is placed and announced once', async () => {
    const { deps, published } = setUp(['paid']);

    const result = await placeOrder(deps, input());

    expect(result).toMatchObject({ outcome: 'placed', order: { status: 'PLACED', amountCents: 3198 } });
    expect(published).toEqual(['placed#ord_1']);
  });

  test('an order without a payment answer is kept as PAYMENT_FAILED and nothing is announced', async () => {
    const { deps, orders, published } = setUp(['unavailable']);

    const result = await placeOrder(deps, input('k1'));

    expect(result.outcome).toBe('unavailable');
    expect(orders.get('ord_1')?.status).toBe('PAYMENT_FAILED');
    expect(published).toEqual([]);
  });

  test('a retry with the key after a failed payment pays the same order', async () => {
    const { deps, charges, published } = setUp(['unavailable', 'paid']);
    await placeOrder(deps, input('k1'));

    const retried = await placeOrder(deps, input('k1'));

    expect(retried).toMatchObject({ outcome: 'placed', order: { orderId: 'ord_1' } });
    expect(charges).toEqual(['ord_1', 'ord_1']);
    expect(published).toEqual(['placed#ord_1']);
  });

  test('a retry with the key after a final answer replays it without charging again', async () => {
    const { deps, charges } = setUp(['declined']);
    await placeOrder(deps, input('k1'));

    const again = await placeOrder(deps, input('k1'));

    expect(again).toMatchObject({ outcome: 'declined', replayed: true, order: { orderId: 'ord_1' } });
    expect(charges).toEqual(['ord_1']);
  });

  test('the key with another body is a mismatch, and nothing is charged', async () => {
    const { deps, charges } = setUp(['paid']);
    await placeOrder(deps, input('k1'));

    const reused = await placeOrder(deps, { ...input('k1'), request: { ...request, quantity: 3 } });

    expect(reused).toEqual({ outcome: 'key-mismatch' });
    expect(charges).toHaveLength(1);
  });
});
