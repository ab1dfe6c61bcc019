/**
 * How long a message that failed waits before its next try: 2 s, 4 s, 8 s, ... at most 60 s. With the queues'
 * maxReceiveCount of 3, a message that keeps failing is dead-lettered within seconds, instead of after three
 * visibility timeouts (six times the consumer's timeout each: minutes).
 */
export const RETRY_BASE_SECONDS = 2;
export const RETRY_MAX_SECONDS = 60;

export function retryDelaySeconds(receiveCount: number): number {
  const tries = Number.isFinite(receiveCount) ? Math.max(1, Math.floor(receiveCount)) : 1;
  return Math.min(RETRY_MAX_SECONDS, RETRY_BASE_SECONDS * 2 ** (tries - 1));
}
