/**
 * Sign-in delays, not a lockout. Failed attempts are counted per key: a username from one source address, and a
 * source address whatever the username. Past a few free failures each further one makes the key wait twice as
 * long before its next attempt (up to a cap); a key with no new failure for a while is forgotten, and a
 * successful sign-in forgives its username-from-address key. An attacker's failures from one address therefore
 * delay only that address: the user signing in from another address is never kept out
 * (docs/adr/0013-sign-in-delays-per-username-and-address.md).
 */
export interface BackoffPolicy {
  /** Failures a key may have before it waits at all. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A key with no new failure for this long starts again from zero (and its counter item expires). */
  forgetAfterSeconds: number;
}

export interface ThrottlePolicy {
  /** One username from one source address. */
  perUsernameAndAddress: BackoffPolicy;
  /** One source address, every username it tries (password spraying). */
  perAddress: BackoffPolicy;
}

/** A key's failures so far, and when the last one was (epoch seconds). */
export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

/** How long a key must wait after its `failures`-th failure, in seconds. */
export function delayAfter(failures: number, policy: BackoffPolicy): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(
    policy.maxDelaySeconds,
    policy.baseDelaySeconds * 2 ** (failures - policy.freeFailures - 1),
  );
}

const current = (record: FailureRecord | undefined, nowSeconds: number, policy: BackoffPolicy) =>
  record && nowSeconds - record.lastFailureAt < policy.forgetAfterSeconds ? record : undefined;

/**
 * Whole seconds the key must still wait (for Retry-After), or 0 when it may try now. Never more than the delay
 * itself: a clock set back (the local test clock) must not turn a recorded failure into a wait of hours.
 */
export function waitSeconds(record: FailureRecord | undefined, now: Date, policy: BackoffPolicy): number {
  const nowSeconds = now.getTime() / 1000;
  const live = current(record, nowSeconds, policy);
  if (!live) return 0;
  const delay = delayAfter(live.failures, policy);
  const remaining = Math.min(delay, live.lastFailureAt + delay - nowSeconds);
  return remaining > 0 ? Math.ceil(remaining) : 0;
}

/**
 * The key's record once this attempt is counted as a failure. The attempt is counted before the pool is asked
 * (and forgiven when it succeeds), so parallel attempts cannot all slip through before the first failure lands.
 */
export function withFailure(
  record: FailureRecord | undefined,
  now: Date,
  policy: BackoffPolicy,
): FailureRecord {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const live = current(record, nowSeconds, policy);
  return { failures: (live?.failures ?? 0) + 1, lastFailureAt: nowSeconds };
}

/** The record with one failure less (a sign-in that succeeded after being counted). */
export function withoutOneFailure(record: FailureRecord): FailureRecord {
  return { ...record, failures: Math.max(0, record.failures - 1) };
}

/** The counters' keys: usernames are case-insensitive in the pool, so ALICE and alice share one counter. */
export function normalizedUsername(username: string): string {
  return username.trim().toLowerCase();
}
