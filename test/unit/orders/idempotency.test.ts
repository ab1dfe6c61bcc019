import {
  decideForKey,
  isValidIdempotencyKey,
  requestFingerprint,
} from '../../../functions/orders/domain/idempotency';

const request = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1' };
const fingerprint = requestFingerprint(request);

describe('what a retried POST /orders with an Idempotency-Key does', () => {
  test('a key never seen creates an order', () => {
    expect(decideForKey(undefined, fingerprint)).toEqual({ action: 'create' });
  });

  test('a paid order answers again with its 201, however far it has got since', () => {
    for (const status of ['PLACED', 'READY', 'DELIVERED'] as const) {
      expect(decideForKey({ fingerprint, status }, fingerprint)).toEqual({
        action: 'replay',
        status: 'PLACED',
      });
    }
  });

  test('a declined order answers again with its 402, and is not charged again', () => {
    expect(decideForKey({ fingerprint, status: 'PAYMENT_DECLINED' }, fingerprint)).toEqual({
      action: 'replay',
      status: 'PAYMENT_DECLINED',
    });
  });

  test('an order whose payment got no answer is paid on retry', () => {
    for (const status of ['PAYMENT_FAILED', 'PAYMENT_PENDING'] as const) {
      expect(decideForKey({ fingerprint, status }, fingerprint)).toEqual({ action: 'retry-payment' });
    }
  });

  test('the same key with another body is refused', () => {
    const other = requestFingerprint({ ...request, quantity: 3 });

    expect(decideForKey({ fingerprint, status: 'PLACED' }, other)).toEqual({ action: 'mismatch' });
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
