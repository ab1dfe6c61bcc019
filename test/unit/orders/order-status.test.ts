import { orderPlaced } from '../../../events/pizza';
import {
  afterPayment,
  movesForward,
  needsSettling,
  newOrder,
  nextAttempt,
  type OrderStatus,
  PAYABLE_STATUSES,
  statusesThatMayMoveTo,
} from '../../../functions/orders/domain/order';

const NOW = new Date('2026-11-22T18:30:00.000Z');
const LATER = new Date('2026-11-22T18:30:01.500Z');

const pendingOrder = () =>
  newOrder({
    orderId: 'ord_1',
    userId: 'u1',
    request: { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1' },
    now: NOW,
    correlationId: 'first-request',
  }).order;

describe('an order’s status', () => {
  test('a new order waits for its payment and costs price times quantity', () => {
    const { order, entry } = newOrder({
      orderId: 'ord_1',
      userId: 'u1',
      request: { pizza: 'pepperoni', quantity: 3, address: 'Hauptstrasse 1' },
      now: NOW,
      correlationId: 'c1',
      idempotencyKey: 'key-1',
    });

    expect(order).toMatchObject({
      status: 'PAYMENT_PENDING',
      amountCents: 5397,
      idempotencyKey: 'key-1',
      paymentAttempt: 1,
    });
    expect(entry).toMatchObject({
      status: 'PAYMENT_PENDING',
      eventId: 'received#ord_1',
      at: NOW.toISOString(),
    });
  });

  test('a paid order is PLACED at the payment’s time, with a PAID timeline entry', () => {
    const answered = afterPayment(pendingOrder(), { outcome: 'paid', chargeId: 'ch_1' }, LATER);

    expect(answered.state).toEqual({
      order: {
        ...pendingOrder(),
        status: 'PLACED',
        updatedAt: LATER.toISOString(),
        placedAt: LATER.toISOString(),
      },
      entry: { status: 'PAID', at: LATER.toISOString(), eventId: 'paid#ord_1', note: 'Paid (ch_1)' },
    });
  });

  test('a paid order causes one order.placed with the order’s id and its own correlation id', () => {
    const answered = afterPayment(pendingOrder(), { outcome: 'paid', chargeId: 'ch_1' }, LATER);

    expect(answered.events).toEqual([
      {
        definition: orderPlaced,
        detail: {
          eventId: 'placed#ord_1',
          correlationId: 'first-request',
          orderId: 'ord_1',
          userId: 'u1',
          pizza: 'margherita',
          quantity: 2,
          address: 'Hauptstrasse 1',
          amountCents: 3198,
          placedAt: LATER.toISOString(),
        },
      },
    ]);
  });

  test('a declined order is PAYMENT_DECLINED and causes no event', () => {
    const answered = afterPayment(pendingOrder(), { outcome: 'declined', reason: 'limit' }, LATER);

    expect(answered).toMatchObject({
      state: { order: { status: 'PAYMENT_DECLINED' }, entry: { eventId: 'declined#ord_1' } },
      events: [],
    });
  });

  test('a voided attempt (settled with nothing charged) leaves the order PAYMENT_FAILED and causes no event', () => {
    const answered = afterPayment(pendingOrder(), { outcome: 'voided' }, LATER);

    expect(answered).toMatchObject({
      state: {
        order: { status: 'PAYMENT_FAILED' },
        entry: { status: 'PAYMENT_FAILED', eventId: 'payment-failed#ord_1#1', note: /nothing was charged/ },
      },
      events: [],
    });
  });

  test('a throttled charge (payments never ran) is PAYMENT_FAILED: nothing was charged', () => {
    const answered = afterPayment(
      pendingOrder(),
      { outcome: 'unavailable', reason: 'throttled', throttled: true },
      LATER,
    );

    expect(answered).toMatchObject({ state: { order: { status: 'PAYMENT_FAILED' } }, events: [] });
  });

  test('no answer even to the settle leaves the order PAYMENT_UNKNOWN, never failed, and causes no event', () => {
    const answered = afterPayment(pendingOrder(), { outcome: 'unavailable', reason: 'timeout' }, LATER);

    expect(answered).toMatchObject({
      state: {
        order: { status: 'PAYMENT_UNKNOWN' },
        entry: { status: 'PAYMENT_UNKNOWN', note: /being confirmed/ },
      },
      events: [],
    });
    expect(answered.state.entry.note).not.toMatch(/not charged|nothing was charged/i);
  });

  test('an answer that may hide a charge is settled first; a throttle, a decline or a payment is final', () => {
    expect([
      needsSettling({ outcome: 'unavailable', reason: 'timeout' }),
      needsSettling({ outcome: 'unavailable', reason: 'throttled', throttled: true }),
      needsSettling({ outcome: 'paid', chargeId: 'ch_1' }),
      needsSettling({ outcome: 'declined', reason: 'limit' }),
      needsSettling({ outcome: 'voided' }),
    ]).toEqual([true, false, false, false, false]);
  });

  test('each failed attempt is its own timeline entry, and a paid later attempt says which it was', () => {
    const first = afterPayment(pendingOrder(), { outcome: 'voided' }, NOW);
    const again = nextAttempt(first.state.order, LATER);
    const second = afterPayment(again, { outcome: 'voided' }, LATER);
    const paid = afterPayment(
      nextAttempt(second.state.order, LATER),
      { outcome: 'paid', chargeId: 'ch_9' },
      LATER,
    );

    expect(first.state.entry.eventId).not.toBe(second.state.entry.eventId);
    expect(again).toMatchObject({
      status: 'PAYMENT_PENDING',
      paymentAttempt: 2,
      updatedAt: LATER.toISOString(),
    });
    expect(paid.state.entry.note).toBe('Paid (ch_9, attempt 3)');
  });

  test('moves forward through the kitchen and delivery', () => {
    const path: OrderStatus[] = ['PLACED', 'READY', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED'];

    for (let i = 1; i < path.length; i++) expect(movesForward(path[i - 1]!, path[i]!)).toBe(true);
  });

  test('never moves backwards or sideways: a late or repeated event leaves it where it is', () => {
    expect([
      movesForward('DELIVERED', 'ASSIGNED'),
      movesForward('IN_TRANSIT', 'READY'),
      movesForward('READY', 'READY'),
      movesForward('READY', 'PLACED'),
    ]).toEqual([false, false, false, false]);
  });

  test('an order that was never paid is not moved by any event', () => {
    for (const unpaid of [
      'PAYMENT_PENDING',
      'PAYMENT_FAILED',
      'PAYMENT_UNKNOWN',
      'PAYMENT_DECLINED',
    ] as const) {
      for (const next of ['PLACED', 'READY', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED'] as const) {
        expect(movesForward(unpaid, next)).toBe(false);
      }
    }
  });

  test('the table condition for an event allows exactly the paid statuses behind it', () => {
    expect(statusesThatMayMoveTo('ASSIGNED')).toEqual(['PLACED', 'READY']);
    expect(statusesThatMayMoveTo('DELIVERED')).toEqual(['PLACED', 'READY', 'ASSIGNED', 'IN_TRANSIT']);
    expect(statusesThatMayMoveTo('PLACED')).toEqual([]);
  });

  test('a payment answer is recorded only while the order’s attempt is unsettled', () => {
    expect(PAYABLE_STATUSES).toEqual(['PAYMENT_PENDING', 'PAYMENT_UNKNOWN']);
  });
});
