import {
  advance,
  afterPayment,
  mayTryPayment,
  movesForward,
  newOrder,
  ORDER_STATUSES,
  type OrderStatus,
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
    expect(advance('DELIVERED', 'ASSIGNED')).toBe('DELIVERED');
    expect(advance('IN_TRANSIT', 'READY')).toBe('IN_TRANSIT');
    expect(advance('READY', 'READY')).toBe('READY');
    expect(advance('READY', 'PLACED')).toBe('READY');
  });

  test('events applied in any order end at the furthest status', () => {
    const events: OrderStatus[] = ['DELIVERED', 'PLACED', 'IN_TRANSIT', 'READY', 'ASSIGNED', 'READY'];

    expect(events.reduce(advance, 'PAYMENT_PENDING' as OrderStatus)).toBe('DELIVERED');
  });

  test('a payment is tried only while the order has no payment answer', () => {
    const allowed = ORDER_STATUSES.filter(mayTryPayment);

    expect(allowed).toEqual(['PAYMENT_PENDING', 'PAYMENT_FAILED']);
  });
});
