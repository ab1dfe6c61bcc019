/**
 * How long a message that failed waits before its next try (ADR 5): exponential from 2 s, doubled per receive,
 * capped at 5 minutes, with equal jitter (half the ceiling fixed, half random), so the copies of one burst of
 * failures do not come back together, and the waits still add up to a known floor. With the queues'
 * maxReceiveCount of 10 a message is dead-lettered after at least 6¾ and at most 13½ minutes of trying: a
 * table throttled for 15 seconds, a redeploy or a restarted dependency heals by itself.
 *
 * A message that can never succeed (not a bus event, no handler, a broken contract) does not wait for any of
 * this: the consumer puts it in the DLQ at once (event-consumer.ts).
 */
export const RETRY_BASE_SECONDS = 2;
export const RETRY_MAX_SECONDS = 300;
/** Deliveries before SQS dead-letters a message (QueueWithDlq's default). */
export const MAX_RECEIVE_COUNT = 10;

function ceilingSeconds(receiveCount: number): number {
  const tries = Number.isFinite(receiveCount) ? Math.max(1, Math.floor(receiveCount)) : 1;
  return Math.min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** Math.min(tries - 1, 30));
}

/** The wait after the `receiveCount`-th receive failed; `random` is in [0, 1) (Math.random unless a test fixes it). */
export function retryDelaySeconds(receiveCount: number, random: () => number = Math.random): number {
  const ceiling = ceilingSeconds(receiveCount);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.max(1, Math.round(ceiling / 2 + (jitter * ceiling) / 2));
}

/** The shortest and longest time a message that always fails spends being retried before its DLQ. */
export function retryWindowSeconds(maxReceiveCount: number): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let receive = 1; receive < maxReceiveCount; receive++) {
    min += retryDelaySeconds(receive, () => 0);
    max += retryDelaySeconds(receive, () => 1);
  }
  return { min, max };
}
