import { isPaid, newOrder } from '../../../functions/orders/domain/order';
import type { UnsettledOrders, UseCaseLog } from '../../../functions/orders/ports';
import { placeOrder } from '../../../functions/orders/use-cases/place-order';
import {
  RECONCILE_GIVE_UP_AFTER,
  RECONCILE_GRACE_MS,
  reconcilePayments,
} from '../../../functions/orders/use-cases/reconcile-payments';
import { type ChargeScript, FakePayments, type SettleScript } from './support/fake-payments';
import { InMemoryOrders } from './support/in-memory-orders';

const silentLog: UseCaseLog = { info: () => {}, warn: () => {}, appendKeys: () => {} };
const START = new Date('2026-11-22T18:30:00.000Z');
const request = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1' };

function setUp(charges: ChargeScript[] = [], settles: SettleScript[] = []) {
  const orders = new InMemoryOrders();
  const payments = new FakePayments(charges, settles);
  let now = START;
  let next = 0;
  const deps = { orders, payments, logger: silentLog, now: () => now, newOrderId: () => `ord_${++next}` };
  const place = (idempotencyKey?: string) =>
    placeOrder(deps, { userId: 'u1', request, correlationId: 'c1', idempotencyKey });
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  /** A scheduled run: everything unsettled for longer than the grace period. */
  const run = () =>
    reconcilePayments(deps, { olderThan: new Date(now.getTime() - RECONCILE_GRACE_MS), limit: 25 });
  const status = (orderId: string) => orders.orders.get(orderId)?.status;
  const expectWhole = () => {
    const placed = [...orders.orders.values()].filter((o) => isPaid(o.status)).map((o) => o.orderId);
    expect(payments.paidOrders()).toEqual(placed.sort());
  };
  return { orders, payments, place, later, run, status, expectWhole };
}

describe('the payments reconciler', () => {
  test('an unconfirmed order whose charge went through is placed, and its order.placed goes out', async () => {
    const { orders, payments, place, later, run, status, expectWhole } = setUp(['lost'], ['unavailable']);
    await place();
    later(RECONCILE_GRACE_MS + 1);

    const report = await run();

    expect(report).toMatchObject({ found: 1, placed: 1, failed: 0, unknown: 0 });
    expect(status('ord_1')).toBe('PLACED');
    expect(orders.outbox.map((e) => e.detail.eventId)).toEqual(['placed#ord_1']);
    expect(payments.calls).toEqual(['charge ord_1#1', 'settle ord_1#1', 'settle ord_1#1']);
    expectWhole();
  });

  test('an unconfirmed order that was not charged is failed with its attempt voided: a late charge takes nothing', async () => {
    const { payments, place, later, run, status, expectWhole } = setUp(['late'], ['unavailable']);
    await place();
    later(RECONCILE_GRACE_MS + 1);

    const report = await run();
    payments.landLateCharges();

    expect(report).toMatchObject({ found: 1, placed: 0, failed: 1 });
    expect(status('ord_1')).toBe('PAYMENT_FAILED');
    expect(payments.ledger.get('ord_1#1')).toBe('voided');
    expectWhole();
  });

  test('leaves alone an order younger than the grace period: its request may still be paying', async () => {
    const { payments, place, later, run, status } = setUp(['lost'], ['unavailable']);
    await place();
    later(RECONCILE_GRACE_MS - 1_000);

    const report = await run();

    expect(report.found).toBe(0);
    expect(status('ord_1')).toBe('PAYMENT_UNKNOWN');
    expect(payments.calls).toHaveLength(2);
  });

  test('settles an order whose request died while PAYMENT_PENDING', async () => {
    const { orders, payments, later, run, status, expectWhole } = setUp(['lost']);
    const dead = newOrder({ orderId: 'ord_9', userId: 'u1', request, now: START, correlationId: 'c9' });
    await orders.create(dead.order, dead.entry);
    await payments.charge({ ...dead.order, attempt: 1, correlationId: 'c9' });
    later(RECONCILE_GRACE_MS + 1);

    const report = await run();

    expect(report).toMatchObject({ found: 1, placed: 1 });
    expect(status('ord_9')).toBe('PLACED');
    expectWhole();
  });

  test('while payments still cannot be asked, the order stays PAYMENT_UNKNOWN; the next run settles it', async () => {
    const { place, later, run, status, expectWhole } = setUp(['lost'], ['unavailable', 'unavailable']);
    await place();
    later(RECONCILE_GRACE_MS + 1);

    const first = await run();
    later(RECONCILE_GRACE_MS + 1);
    const second = await run();

    expect(first).toMatchObject({ found: 1, unknown: 1 });
    expect(second).toMatchObject({ found: 1, placed: 1 });
    expect(status('ord_1')).toBe('PLACED');
    expectWhole();
  });

  test('gives up a run after a few settles in a row got no answer', async () => {
    const n = RECONCILE_GIVE_UP_AFTER + 2;
    const { payments, place, later, run } = setUp(
      Array(n).fill('unavailable'),
      Array(2 * n).fill('unavailable'),
    );
    for (let i = 0; i < n; i++) await place();
    later(RECONCILE_GRACE_MS + 1);
    const settlesBefore = payments.calls.filter((c) => c.startsWith('settle')).length;

    const report = await run();

    expect(report).toMatchObject({ found: n, unknown: RECONCILE_GIVE_UP_AFTER });
    expect(payments.calls.filter((c) => c.startsWith('settle')).length - settlesBefore).toBe(
      RECONCILE_GIVE_UP_AFTER,
    );
  });

  test('is idempotent: a second run finds nothing, and nothing is charged or sent twice', async () => {
    const { orders, place, later, run, expectWhole } = setUp(
      ['lost', 'late'],
      ['unavailable', 'unavailable'],
    );
    await place();
    await place();
    later(RECONCILE_GRACE_MS + 1);

    const first = await run();
    const second = await run();

    expect(first).toMatchObject({ found: 2, placed: 1, failed: 1 });
    expect(second.found).toBe(0);
    expect(orders.outbox).toHaveLength(1);
    expectWhole();
  });

  test('a retry of the customer’s that settled the order first leaves the reconciler nothing to record', async () => {
    const { orders, payments, place, later, status, expectWhole } = setUp(['lost'], ['unavailable']);
    await place('k1');
    later(RECONCILE_GRACE_MS + 1);
    // The reconciler read the order as unsettled, then the customer's retry settled it before the run recorded.
    const seen = await orders.unsettled(new Date(START.getTime() + RECONCILE_GRACE_MS), 25);
    await place('k1');
    const readBeforeTheRetry: UnsettledOrders = Object.assign(Object.create(orders), {
      unsettled: async () => seen,
    });
    const report = await reconcilePayments(
      { orders: readBeforeTheRetry, payments, logger: silentLog, now: () => START },
      { olderThan: START, limit: 25 },
    );

    expect(report).toMatchObject({ found: 1, stale: 1, placed: 0 });
    expect(status('ord_1')).toBe('PLACED');
    expect(orders.outbox).toHaveLength(1);
    expectWhole();
  });
});
