import {
  afterPayment,
  movesForward,
  needsPlacedAnnouncement,
  newOrder,
  type OrderStatus,
  PAYABLE_STATUSES,
  statusesThatMayMoveTo,
} from '../../../functions/orders/domain/order';

const NOW = new Date('2026-11-22T18:30:00.000Z');

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

    expect(order).toMatchObject({ status: 'PAYMENT_PENDING', amountCents: 5397, idempotencyKey: 'key-1' });
    expect(entry).toMatchObject({
      status: 'PAYMENT_PENDING',
      eventId: 'received#ord_1',
      at: NOW.toISOString(),
    });
  });

  test('a paid order is PLACED, a declined one PAYMENT_DECLINED, an unanswered one PAYMENT_FAILED', () => {
    const order = { orderId: 'ord_1' };

    expect(afterPayment(order, { outcome: 'paid', chargeId: 'ch_1' }, NOW)).toMatchObject({
      status: 'PLACED',
      entry: { status: 'PAID', eventId: 'paid#ord_1' },
    });
    expect(afterPayment(order, { outcome: 'declined', reason: 'limit' }, NOW)).toMatchObject({
      status: 'PAYMENT_DECLINED',
      entry: { eventId: 'declined#ord_1' },
    });
    expect(afterPayment(order, { outcome: 'unavailable', reason: 'timeout' }, NOW).status).toBe(
      'PAYMENT_FAILED',
    );
  });

  test('each failed payment attempt is its own timeline entry', () => {
    const first = afterPayment({ orderId: 'o' }, { outcome: 'unavailable', reason: 'x' }, NOW);
    const second = afterPayment(
      { orderId: 'o' },
      { outcome: 'unavailable', reason: 'x' },
      new Date(NOW.getTime() + 1000),
    );

    expect(first.entry.eventId).not.toBe(second.entry.eventId);
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
    for (const unpaid of ['PAYMENT_PENDING', 'PAYMENT_FAILED', 'PAYMENT_DECLINED'] as const) {
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

  test('a payment answer is recorded only while the order has no payment answer', () => {
    expect(PAYABLE_STATUSES).toEqual(['PAYMENT_PENDING', 'PAYMENT_FAILED']);
  });

  test('order.placed is due for a paid order until it is known to be on the bus', () => {
    expect([
      needsPlacedAnnouncement({ status: 'PLACED' }),
      needsPlacedAnnouncement({ status: 'DELIVERED' }),
      needsPlacedAnnouncement({ status: 'PLACED', placedPublishedAt: '2026-11-22T18:30:01.000Z' }),
      needsPlacedAnnouncement({ status: 'PAYMENT_FAILED' }),
      needsPlacedAnnouncement({ status: 'PAYMENT_DECLINED' }),
    ]).toEqual([true, true, false, false, false]);
  });
});
