import {
  decideForKey,
  IN_PROGRESS_WINDOW_MS,
  isValidIdempotencyKey,
  requestFingerprint,
} from '../../../functions/orders/domain/idempotency';
import type { OrderStatus } from '../../../functions/orders/domain/order';

const request = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1' };
const fingerprint = requestFingerprint(request);
const NOW = new Date('2026-11-22T18:30:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
/** The key's first request, whose order was last updated a minute ago unless said otherwise. */
const first = (status: OrderStatus, updatedAt = ago(60_000)) => ({
  fingerprint,
  status,
  updatedAt,
});

describe('what a retried POST /orders with an Idempotency-Key does', () => {
  test('a key never seen creates an order', () => {
    expect(decideForKey(undefined, fingerprint, NOW)).toEqual({ action: 'create' });
  });

  test('a paid order answers again with its 201, however far it has got since', () => {
    for (const status of ['PLACED', 'READY', 'DELIVERED'] as const) {
      expect(decideForKey(first(status), fingerprint, NOW)).toEqual({
        action: 'replay',
        status: 'PLACED',
      });
    }
  });

  test('a declined order answers again with its 402, and is not charged again', () => {
    expect(decideForKey(first('PAYMENT_DECLINED'), fingerprint, NOW)).toEqual({
      action: 'replay',
      status: 'PAYMENT_DECLINED',
    });
  });

  test('an order whose last attempt charged nothing is paid on retry', () => {
    expect(decideForKey(first('PAYMENT_FAILED'), fingerprint, NOW)).toEqual({ action: 'retry-payment' });
  });

  test('an order whose payment nobody could confirm is settled first, however recent', () => {
    expect(decideForKey(first('PAYMENT_UNKNOWN', ago(1_000)), fingerprint, NOW)).toEqual({
      action: 'settle',
    });
    expect(decideForKey(first('PAYMENT_UNKNOWN'), fingerprint, NOW)).toEqual({ action: 'settle' });
  });

  test('an order still waiting for its payment from a request moments ago is not paid a second time', () => {
    expect(decideForKey(first('PAYMENT_PENDING', ago(2_000)), fingerprint, NOW)).toEqual({
      action: 'in-progress',
    });
    // After the window the first request is taken to have died: its attempt is settled before paying again.
    expect(decideForKey(first('PAYMENT_PENDING', ago(IN_PROGRESS_WINDOW_MS)), fingerprint, NOW)).toEqual({
      action: 'settle',
    });
    expect(decideForKey(first('PAYMENT_FAILED', ago(2_000)), fingerprint, NOW)).toEqual({
      action: 'retry-payment',
    });
  });

  test('the same key with another body is refused', () => {
    const other = requestFingerprint({ ...request, quantity: 3 });

    expect(decideForKey(first('PLACED'), other, NOW)).toEqual({ action: 'mismatch' });
  });

  test('the fingerprint does not depend on the order of the fields', () => {
    expect(requestFingerprint({ address: 'Hauptstrasse 1', quantity: 2, pizza: 'margherita' })).toBe(
      fingerprint,
    );
  });

  test('accepts short printable keys and refuses spaces, empty and overlong ones', () => {
    expect([
      isValidIdempotencyKey('3f2a-9c'),
      isValidIdempotencyKey('order:42.retry_1'),
      isValidIdempotencyKey(''),
      isValidIdempotencyKey('has space'),
      isValidIdempotencyKey('x'.repeat(129)),
    ]).toEqual([true, true, false, false, false]);
  });
});
