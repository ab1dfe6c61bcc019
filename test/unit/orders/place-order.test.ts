import { IN_PROGRESS_WINDOW_MS, requestFingerprint } from '../../../functions/orders/domain/idempotency';
import { isPaid, newOrder } from '../../../functions/orders/domain/order';
import type { UseCaseLog } from '../../../functions/orders/ports';
import { type PlaceOrderDeps, placeOrder } from '../../../functions/orders/use-cases/place-order';
import { type ChargeScript, FakePayments, type SettleScript } from './support/fake-payments';
import { InMemoryOrders } from './support/in-memory-orders';

const silentLog: UseCaseLog = { info: () => {}, warn: () => {}, appendKeys: () => {} };
const START = new Date('2026-11-22T18:30:00.000Z');

function setUp(charges: ChargeScript[] = [], settles: SettleScript[] = []) {
  const orders = new InMemoryOrders();
  const payments = new FakePayments(charges, settles);
  let next = 0;
  let now = START;
  const deps: PlaceOrderDeps = {
    orders,
    payments,
    logger: silentLog,
    now: () => now,
    newOrderId: () => `ord_${++next}`,
  };
  const outboxIds = () => orders.outbox.map((event) => event.detail.eventId);
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const statuses = (orderId: string) => orders.timelines.get(orderId)?.map((e) => e.status);
  /** Never charged-and-failed: the paid orders are exactly the orders with a paid attempt, each once. */
  const expectWhole = () => {
    const placed = [...orders.orders.values()].filter((o) => isPaid(o.status)).map((o) => o.orderId);
    expect(payments.paidOrders()).toEqual(placed.sort());
  };
  return { deps, orders, payments, outboxIds, later, statuses, expectWhole };
}

const request = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1' };
const tooExpensive = { ...request, quantity: 16 };
const input = (idempotencyKey?: string) => ({ userId: 'u1', request, correlationId: 'c1', idempotencyKey });

describe('placing an order', () => {
  test('a paid order is placed with its timeline', async () => {
    const { deps, payments } = setUp();

    const result = await placeOrder(deps, input());

    expect(result).toMatchObject({
      outcome: 'placed',
      replayed: false,
      order: { status: 'PLACED', amountCents: 3198, paymentAttempt: 1 },
      timeline: [{ status: 'PAYMENT_PENDING' }, { status: 'PAID' }],
    });
    expect(payments.calls).toEqual(['charge ord_1#1']);
  });

  test('a paid order saves its order.placed in the outbox together with the PLACED state', async () => {
    const { deps, orders, outboxIds } = setUp();

    await placeOrder(deps, input());

    expect(orders.orders.get('ord_1')?.status).toBe('PLACED');
    expect(outboxIds()).toEqual(['placed#ord_1']);
  });

  test('a declined order goes nowhere: nothing in the outbox', async () => {
    const { deps, outboxIds } = setUp();

    const result = await placeOrder(deps, { ...input('k1'), request: tooExpensive });

    expect(result).toMatchObject({ outcome: 'declined', replayed: false });
    expect(outboxIds()).toEqual([]);
  });

  test('a retry with the key after a final answer replays it without charging again', async () => {
    const { deps, payments } = setUp();
    await placeOrder(deps, { ...input('k1'), request: tooExpensive });

    const again = await placeOrder(deps, { ...input('k1'), request: tooExpensive });

    expect(again).toMatchObject({ outcome: 'declined', replayed: true, order: { orderId: 'ord_1' } });
    expect(payments.calls).toEqual(['charge ord_1#1']);
  });

  test('a replayed paid order adds nothing to the outbox', async () => {
    const { deps, outboxIds } = setUp();
    await placeOrder(deps, input('k1'));

    const again = await placeOrder(deps, input('k1'));

    expect(again).toMatchObject({ outcome: 'placed', replayed: true });
    expect(outboxIds()).toEqual(['placed#ord_1']);
  });

  test('a retry while the first request still waits for its payment is told to wait, and nothing more is charged', async () => {
    const { deps, payments } = setUp();
    const release = payments.holdAnswers();
    const firstRequest = placeOrder(deps, input('k1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(payments.calls).toEqual(['charge ord_1#1']);

    const retried = await placeOrder(deps, input('k1'));
    release();

    expect(retried).toEqual({ outcome: 'in-progress', orderId: 'ord_1' });
    expect(payments.calls).toEqual(['charge ord_1#1']);
    expect(await firstRequest).toMatchObject({ outcome: 'placed' });
  });

  test('a key that stays contended through every race is in progress, not an error', async () => {
    const { deps, orders, payments } = setUp();
    orders.keyAlwaysTaken = true;

    const result = await placeOrder(deps, input('k1'));

    expect(result).toEqual({ outcome: 'in-progress' });
    expect(payments.calls).toEqual([]);
  });

  test('the key with another body is a mismatch, and nothing is charged', async () => {
    const { deps, payments } = setUp();
    await placeOrder(deps, input('k1'));

    const reused = await placeOrder(deps, { ...input('k1'), request: { ...request, quantity: 3 } });

    expect(reused).toEqual({ outcome: 'key-mismatch' });
    expect(payments.calls).toHaveLength(1);
  });

  test('order.placed carries the order’s own correlation id, even when a retry pays it', async () => {
    const { deps, orders } = setUp(['unavailable']);
    await placeOrder(deps, { ...input('k1'), correlationId: 'first-request' });

    await placeOrder(deps, { ...input('k1'), correlationId: 'retry-request' });

    expect(orders.outbox.map((event) => event.detail.correlationId)).toEqual(['first-request']);
  });
});

describe('a charge without an answer is settled before the customer is told anything', () => {
  test('payments failed before charging: the attempt is voided, the order PAYMENT_FAILED, nothing charged or sent', async () => {
    const { deps, orders, payments, outboxIds, expectWhole } = setUp(['unavailable']);

    const result = await placeOrder(deps, input('k1'));

    expect(result.outcome).toBe('unavailable');
    expect(payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1']);
    expect(payments.ledger.get('ord_1#1')).toBe('voided');
    expect(orders.orders.get('ord_1')?.status).toBe('PAYMENT_FAILED');
    expect(outboxIds()).toEqual([]);
    expectWhole();
  });

  test('a charge written after the deadline finds the void: the customer is told 503 and is not charged, ever', async () => {
    const { deps, orders, payments, expectWhole } = setUp(['late']);

    const result = await placeOrder(deps, input());
    payments.landLateCharges();

    expect(result.outcome).toBe('unavailable');
    expect(orders.orders.get('ord_1')?.status).toBe('PAYMENT_FAILED');
    expect(payments.ledger.get('ord_1#1')).toBe('voided');
    expect(payments.paidOrders()).toEqual([]);
    expectWhole();
  });

  test('a charge whose answer was lost is found by the settle: the order is placed, charged once, order.placed sent', async () => {
    const { deps, payments, outboxIds, statuses, expectWhole } = setUp(['lost']);

    const result = await placeOrder(deps, input());

    expect(result).toMatchObject({ outcome: 'placed', replayed: false, order: { status: 'PLACED' } });
    expect(payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1']);
    expect(outboxIds()).toEqual(['placed#ord_1']);
    expect(statuses('ord_1')).toEqual(['PAYMENT_PENDING', 'PAID']);
    expectWhole();
  });

  test('a charge over the limit whose answer was lost is settled as declined', async () => {
    const { deps, outboxIds } = setUp(['lost']);

    const result = await placeOrder(deps, { ...input(), request: tooExpensive });

    expect(result).toMatchObject({ outcome: 'declined', order: { status: 'PAYMENT_DECLINED' } });
    expect(outboxIds()).toEqual([]);
  });

  test('a throttled charge never ran: no settle, 429 busy, and the same key pays the next attempt', async () => {
    const { deps, orders, payments, expectWhole } = setUp(['throttled']);

    const busy = await placeOrder(deps, input('k1'));
    const retried = await placeOrder(deps, input('k1'));

    expect(busy).toMatchObject({ outcome: 'busy', order: { status: 'PAYMENT_FAILED' } });
    expect(retried).toMatchObject({ outcome: 'placed', order: { orderId: 'ord_1', paymentAttempt: 2 } });
    expect(payments.calls).toEqual(['charge ord_1#1', 'charge ord_1#2']);
    expect(orders.orders.size).toBe(1);
    expectWhole();
  });

  test('when the settle gets no answer either, the order is PAYMENT_UNKNOWN: unconfirmed, not failed', async () => {
    const { deps, orders, outboxIds, statuses } = setUp(['lost'], ['unavailable']);

    const result = await placeOrder(deps, input('k1'));

    expect(result).toMatchObject({ outcome: 'unconfirmed', order: { status: 'PAYMENT_UNKNOWN' } });
    expect(orders.orders.get('ord_1')?.status).toBe('PAYMENT_UNKNOWN');
    expect(statuses('ord_1')).toEqual(['PAYMENT_PENDING', 'PAYMENT_UNKNOWN']);
    expect(outboxIds()).toEqual([]);
  });
});

describe('retrying with the Idempotency-Key', () => {
  test('after a voided attempt, the same order pays on its next attempt, charged exactly once', async () => {
    const { deps, payments, outboxIds, statuses, expectWhole } = setUp(['unavailable']);
    await placeOrder(deps, input('k1'));

    const retried = await placeOrder(deps, input('k1'));

    expect(retried).toMatchObject({ outcome: 'placed', order: { orderId: 'ord_1', paymentAttempt: 2 } });
    expect(payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1', 'charge ord_1#2']);
    expect(payments.ledger).toEqual(
      new Map([
        ['ord_1#1', 'voided'],
        ['ord_1#2', 'paid'],
      ]),
    );
    expect(statuses('ord_1')).toEqual(['PAYMENT_PENDING', 'PAYMENT_FAILED', 'PAID']);
    expect(outboxIds()).toEqual(['placed#ord_1']);
    expectWhole();
  });

  test('an unconfirmed order whose charge went through is settled as paid: placed, not charged again', async () => {
    const { deps, payments, outboxIds, expectWhole } = setUp(['lost'], ['unavailable']);
    await placeOrder(deps, input('k1'));

    const retried = await placeOrder(deps, input('k1'));

    expect(retried).toMatchObject({ outcome: 'placed', replayed: false, order: { paymentAttempt: 1 } });
    expect(payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1', 'settle ord_1#1']);
    expect(outboxIds()).toEqual(['placed#ord_1']);
    expectWhole();
  });

  test('an unconfirmed order that was not charged is voided, then paid on the next attempt', async () => {
    const { deps, payments, statuses, expectWhole } = setUp(['unavailable'], ['unavailable']);
    await placeOrder(deps, input('k1'));

    const retried = await placeOrder(deps, input('k1'));
    payments.landLateCharges();

    expect(retried).toMatchObject({ outcome: 'placed', order: { paymentAttempt: 2 } });
    expect(payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1', 'settle ord_1#1', 'charge ord_1#2']);
    expect(statuses('ord_1')).toEqual(['PAYMENT_PENDING', 'PAYMENT_UNKNOWN', 'PAYMENT_FAILED', 'PAID']);
    expectWhole();
  });

  test('an unconfirmed order whose settle still gets no answer stays unconfirmed', async () => {
    const { deps, payments } = setUp(['lost'], ['unavailable', 'unavailable']);
    await placeOrder(deps, input('k1'));

    const retried = await placeOrder(deps, input('k1'));

    expect(retried).toMatchObject({ outcome: 'unconfirmed', order: { status: 'PAYMENT_UNKNOWN' } });
    expect(payments.calls.filter((c) => c.startsWith('charge'))).toEqual(['charge ord_1#1']);
  });

  /** A first request that charged and died before any answer: its order PENDING, its charge as `script` says. */
  async function diedWhilePaying(ctx: ReturnType<typeof setUp>) {
    const first = newOrder({ orderId: 'ord_1', userId: 'u1', request, now: START, correlationId: 'c1' });
    await ctx.orders.create(first.order, first.entry, {
      key: 'k1',
      fingerprint: requestFingerprint(request),
    });
    await ctx.payments.charge({ ...first.order, attempt: 1, correlationId: 'c1' });
    ctx.later(IN_PROGRESS_WINDOW_MS);
  }

  test('a request that died while paying, its charge still on its way: after the window the attempt is voided and paid again', async () => {
    const ctx = setUp(['late']);
    await diedWhilePaying(ctx);

    const retried = await placeOrder(ctx.deps, input('k1'));
    ctx.payments.landLateCharges();

    expect(retried).toMatchObject({ outcome: 'placed', order: { paymentAttempt: 2 } });
    expect(ctx.payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1', 'charge ord_1#2']);
    expect(ctx.payments.ledger.get('ord_1#1')).toBe('voided');
    ctx.expectWhole();
  });

  test('a request that died after its charge was written: the retry finds the charge and places the order', async () => {
    const ctx = setUp(['lost']);
    await diedWhilePaying(ctx);

    const retried = await placeOrder(ctx.deps, input('k1'));

    expect(retried).toMatchObject({ outcome: 'placed', order: { paymentAttempt: 1 } });
    expect(ctx.payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1']);
    ctx.expectWhole();
  });

  test('two retries at once after a voided attempt start one attempt: the other is told to wait', async () => {
    const { deps, payments, expectWhole } = setUp(['unavailable']);
    await placeOrder(deps, input('k1'));
    const release = payments.holdAnswers();

    const both = Promise.all([placeOrder(deps, input('k1')), placeOrder(deps, input('k1'))]);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const outcomes = (await both).map((r) => r.outcome).sort();

    expect(outcomes).toEqual(['in-progress', 'placed']);
    expect(payments.calls.filter((c) => c.startsWith('charge'))).toEqual([
      'charge ord_1#1',
      'charge ord_1#2',
    ]);
    expectWhole();
  });

  test('without a key, a retry is a new order; the voided one stays unpaid, so the customer pays once', async () => {
    const { deps, orders, expectWhole } = setUp(['late']);
    await placeOrder(deps, input());

    const again = await placeOrder(deps, input());

    expect(again).toMatchObject({ outcome: 'placed', order: { orderId: 'ord_2' } });
    expect(orders.orders.get('ord_1')?.status).toBe('PAYMENT_FAILED');
    expectWhole();
  });
});
