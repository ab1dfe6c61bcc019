import { isUnsettled, type OrderRequest, type OrderStatus } from './order';

/** What a key points at: the order its first request created, and that request's body. */
export interface IdempotencyRecord {
  userId: string;
  key: string;
  orderId: string;
  fingerprint: string;
  createdAt: string;
}

/** What a client may send as Idempotency-Key: printable, no spaces, short enough to key a table item. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}

/** The request a key was first used with, written the same way whatever the order of its fields. */
export function requestFingerprint(request: OrderRequest): string {
  return JSON.stringify([request.pizza, request.quantity, request.address]);
}

/**
 * How long an order waiting for its payment's answer (PAYMENT_PENDING) counts as being paid by a request still
 * running: well over the ~2 s payment timeout and the settle after it. A retry within it is told to wait instead
 * of asking payments a second time; after it, the first request is taken to have died and the retry settles its
 * attempt (the charge if there is one, else a void that no late charge can pass) before paying again.
 */
export const IN_PROGRESS_WINDOW_MS = 10_000;

export type KeyDecision =
  /** A key never seen (or no key): a new order. */
  | { action: 'create' }
  /** The same key with another body: refused, the key belongs to the first request. */
  | { action: 'mismatch' }
  /** The first request got a final answer: answer it again, do not charge again. */
  | { action: 'replay'; status: 'PLACED' | 'PAYMENT_DECLINED' }
  /** The first request is probably still waiting for payments: do not ask them twice, let the client retry. */
  | { action: 'in-progress' }
  /**
   * Nobody knows yet whether the last attempt charged (PAYMENT_UNKNOWN, or a request that died while PENDING):
   * settle it first; pay again only if it was voided.
   */
  | { action: 'settle' }
  /** The last attempt ended with nothing charged (PAYMENT_FAILED): pay again, on the next attempt. */
  | { action: 'retry-payment' };

/**
 * A retried POST: what to do, from what the key already points at. `existing` is the first request's
 * fingerprint and its order's current status and last update.
 */
export function decideForKey(
  existing: { fingerprint: string; status: OrderStatus; updatedAt: string } | undefined,
  fingerprint: string,
  now: Date,
): KeyDecision {
  if (!existing) return { action: 'create' };
  if (existing.fingerprint !== fingerprint) return { action: 'mismatch' };
  if (
    existing.status === 'PAYMENT_PENDING' &&
    now.getTime() - Date.parse(existing.updatedAt) < IN_PROGRESS_WINDOW_MS
  ) {
    return { action: 'in-progress' };
  }
  if (isUnsettled(existing.status)) return { action: 'settle' };
  if (existing.status === 'PAYMENT_FAILED') return { action: 'retry-payment' };
  if (existing.status === 'PAYMENT_DECLINED') return { action: 'replay', status: 'PAYMENT_DECLINED' };
  // Paid, and maybe already cooked or delivered since: the answer is still the 201 of a placed order.
  return { action: 'replay', status: 'PLACED' };
}
