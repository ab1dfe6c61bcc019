import type { Logger } from '@aws-lambda-powertools/logger';
import type { OrdersRepository } from '../../../functions/orders/adapters/orders-repository';
import type { PaymentsClient } from '../../../functions/orders/adapters/payments-client';
import { announcePlacedIfDue } from '../../../functions/orders/announce-placed';
import {
  mayTryPayment,
  type Order,
  type OrderStatus,
  type PaymentResult,
  type TimelineEntry,
} from '../../../functions/orders/domain/order';
import { placeOrder } from '../../../functions/orders/place-order';
import type { EventPublisher } from '../../../shared/messaging/event-publisher';

/** An in-memory orders table with the same conditions as the real one. */
function fakeOrders(options: { keyAlwaysTaken?: boolean } = {}) {
  const orders = new Map<string, Order>();
  const keys = new Map<string, { orderId: string; fingerprint: string }>();
  const repo = {
    async create(order: Order, _entry: TimelineEntry, key?: { key: string; fingerprint: string }) {
      // keyAlwaysTaken: other requests with the key keep winning, and their records keep vanishing.
      if (key && (options.keyAlwaysTaken || keys.has(key.key))) return 'key-taken' as const;
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
      if (!mayTryPayment(order.status)) return 'stale' as const;
      orders.set(orderId, { ...order, status, ...(status === 'PLACED' ? { placedAt: 'now' } : {}) });
      return 'recorded' as const;
    },
    async markPlacedPublished(orderId: string) {
      orders.set(orderId, { ...orders.get(orderId)!, placedPublishedAt: 'now' });
    },
  };
  return { repo: repo as unknown as OrdersRepository, orders };
}

function setUp(
  answers: PaymentResult['outcome'][],
  options: { busDown?: boolean; keyAlwaysTaken?: boolean } = {},
) {
  const { repo, orders } = fakeOrders(options);
  const charges: string[] = [];
  const published: string[] = [];
  const correlationIds: string[] = [];
  const bus = { down: options.busDown ?? false };
  let hold: Promise<void> | undefined;
  const payments: PaymentsClient = {
    async charge(request) {
      charges.push(request.orderId);
      if (hold) await hold;
      const outcome = answers.shift() ?? 'paid';
      if (outcome === 'paid') return { outcome, chargeId: 'ch_1' };
      return { outcome, reason: 'test' };
    },
  };
  const publisher = {
    async publish(_definition: unknown, detail: { eventId: string; correlationId: string }) {
      if (bus.down) throw new Error('the bus is down');
      published.push(detail.eventId);
      correlationIds.push(detail.correlationId);
    },
  } as unknown as EventPublisher;
  const logger = {
    info: () => {},
    warn: () => {},
    error: () => {},
    appendKeys: () => {},
  } as unknown as Logger;
  let next = 0;
  const deps = {
    orders: repo,
    payments,
    publisher,
    logger,
    now: () => new Date('2026-11-22T18:30:00.000Z'),
    newOrderId: () => `ord_${++next}`,
  };
  /** Keeps every payment waiting until the returned function is called. */
  const holdPayments = () => {
    let release = () => {};
    hold = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      hold = undefined;
      release();
    };
  };
  return { deps, orders, charges, published, correlationIds, bus, holdPayments };
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

  test('a paid order whose order.placed cannot be published is still placed, and kept to be announced', async () => {
    const { deps, orders, published } = setUp(['paid'], { busDown: true });

    const result = await placeOrder(deps, input('k1'));

    expect(result).toMatchObject({ outcome: 'placed', replayed: false, order: { status: 'PLACED' } });
    expect(published).toEqual([]);
    expect(orders.get('ord_1')?.status).toBe('PLACED');
    expect(orders.get('ord_1')?.placedPublishedAt).toBeUndefined();
  });

  test('the owner’s next read of a paid, unannounced order announces it, once', async () => {
    const { deps, orders, published, bus } = setUp(['paid'], { busDown: true });
    await placeOrder(deps, input('k1'));
    bus.down = false;

    const read = await announcePlacedIfDue(deps, orders.get('ord_1')!);
    await announcePlacedIfDue(deps, orders.get('ord_1')!);

    expect(published).toEqual(['placed#ord_1']);
    expect(read.placedPublishedAt).toBeDefined();
    expect(orders.get('ord_1')?.placedPublishedAt).toBeDefined();
  });

  test('a read while the bus is still down answers the order and leaves it due', async () => {
    const { deps, orders } = setUp(['paid'], { busDown: true });
    await placeOrder(deps, input('k1'));

    const read = await announcePlacedIfDue(deps, orders.get('ord_1')!);

    expect(read).toMatchObject({ orderId: 'ord_1', status: 'PLACED' });
    expect(read.placedPublishedAt).toBeUndefined();
  });

  test('an order that was never paid is not announced by a read', async () => {
    const { deps, orders, published } = setUp(['declined']);
    await placeOrder(deps, input('k1'));

    await announcePlacedIfDue(deps, orders.get('ord_1')!);

    expect(published).toEqual([]);
  });

  test('order.placed carries the order’s own correlation id, even when a retry publishes it', async () => {
    const { deps, correlationIds } = setUp(['unavailable', 'paid']);
    await placeOrder(deps, { ...input('k1'), correlationId: 'first-request' });

    await placeOrder(deps, { ...input('k1'), correlationId: 'retry-request' });

    expect(correlationIds).toEqual(['first-request']);
  });

  test('a retry while the first request still waits for its payment is told to wait, and nothing more is charged', async () => {
    const { deps, charges, holdPayments } = setUp(['paid']);
    const release = holdPayments();
    const firstRequest = placeOrder(deps, input('k1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(charges).toEqual(['ord_1']);

    const retried = await placeOrder(deps, input('k1'));
    release();

    expect(retried).toEqual({ outcome: 'in-progress', orderId: 'ord_1' });
    expect(charges).toEqual(['ord_1']);
    expect(await firstRequest).toMatchObject({ outcome: 'placed' });
  });

  test('a key that stays contended through every race is in progress, not an error', async () => {
    const { deps, charges } = setUp(['paid'], { keyAlwaysTaken: true });

    const result = await placeOrder(deps, input('k1'));

    expect(result).toEqual({ outcome: 'in-progress' });
    expect(charges).toEqual([]);
  });

  test('the key with another body is a mismatch, and nothing is charged', async () => {
    const { deps, charges } = setUp(['paid']);
    await placeOrder(deps, input('k1'));

    const reused = await placeOrder(deps, { ...input('k1'), request: { ...request, quantity: 3 } });

    expect(reused).toEqual({ outcome: 'key-mismatch' });
    expect(charges).toHaveLength(1);
  });
});
