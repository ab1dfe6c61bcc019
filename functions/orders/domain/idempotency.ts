import type { OrderRequest, OrderStatus } from './order';

/** What a client may send as Idempotency-Key: printable, no spaces, short enough to key a table item. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

/** The request a key was first used with, written the same way whatever the order of its fields. */
export function requestFingerprint(request: OrderRequest): string {
  return JSON.stringify([request.pizza, request.quantity, request.address]);
}

export type KeyDecision =
  /** A key never seen (or no key): a new order. */
  | { action: 'create' }
  /** The same key with another body: refused, the key belongs to the first request. */
  | { action: 'mismatch' }
  /** The first request got a final answer: answer it again, do not charge again. */
  | { action: 'replay'; status: 'PLACED' | 'PAYMENT_DECLINED' }
  /** The first request ended without a payment answer (503, or it never finished): try the payment again. */
  | { action: 'retry-payment' };

/**
 * A retried POST: what to do, from what the key already points at. `existing` is the first request's
 * fingerprint and its order's current status.
 */
export function decideForKey(
  existing: { fingerprint: string; status: OrderStatus } | undefined,
  fingerprint: string,
): KeyDecision {
  if (!existing) return { action: 'create' };
  if (existing.fingerprint !== fingerprint) return { action: 'mismatch' };
  if (existing.status === 'PAYMENT_PENDING' || existing.status === 'PAYMENT_FAILED') {
    return { action: 'retry-payment' };
  }
  if (existing.status === 'PAYMENT_DECLINED') return { action: 'replay', status: 'PAYMENT_DECLINED' };
  // Paid, and maybe already cooked or delivered since: the answer is still the 201 of a placed order.
  return { action: 'replay', status: 'PLACED' };
}
