/**
 * Sign-in attempts are counted per username in fixed windows: at most `maxAttempts` per window, successful or
 * not, so guessing a password costs time whatever the answers were.
 */
export interface ThrottlePolicy {
  maxAttempts: number;
  windowSeconds: number;
}

export interface AttemptWindow {
  /** The window's first second (epoch seconds): part of the counter's key. */
  start: number;
  /** When the counter may be dropped (the table's TTL). */
  expiresAt: number;
}

export function attemptWindow(now: Date, policy: ThrottlePolicy): AttemptWindow {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % policy.windowSeconds);
  return { start, expiresAt: start + 2 * policy.windowSeconds };
}

/** Undefined when the attempt may go on; else the whole seconds until the window ends (for Retry-After). */
export function throttled(
  attemptsInWindow: number,
  window: AttemptWindow,
  now: Date,
  policy: ThrottlePolicy,
): number | undefined {
  if (attemptsInWindow <= policy.maxAttempts) return undefined;
  const end = window.start + policy.windowSeconds;
  return Math.max(1, Math.ceil(end - now.getTime() / 1000));
}

/** The counter's key: usernames are case-insensitive in the pool, so ALICE and alice share one counter. */
export function normalizedUsername(username: string): string {
  return username.trim().toLowerCase();
}
