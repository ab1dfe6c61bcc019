import {
  MAX_RECEIVE_COUNT,
  RETRY_MAX_SECONDS,
  retryDelaySeconds,
  retryWindowSeconds,
} from '../../../../shared/messaging/retry-delay';

const lowest = () => 0;
const highest = () => 1;

describe('the delay before a failed message is tried again', () => {
  test('lies between half and all of a ceiling that doubles from two seconds with each receive', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, lowest))).toEqual([1, 2, 4, 8]);
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, highest))).toEqual([2, 4, 8, 16]);
  });

  test('spreads the copies of one burst of failures over time instead of bringing them back together', () => {
    const delays = new Set([0.05, 0.3, 0.55, 0.8].map((r) => retryDelaySeconds(8, () => r)));

    expect(delays.size).toBe(4);
  });

  test('grows to minutes and never exceeds its ceiling however often the message came back', () => {
    expect(retryDelaySeconds(9, highest)).toBeGreaterThanOrEqual(120);
    expect(retryDelaySeconds(50, highest)).toBe(RETRY_MAX_SECONDS);
    expect(retryDelaySeconds(1_000, lowest)).toBe(RETRY_MAX_SECONDS / 2);
  });

  test('treats a missing or nonsensical receive count as the first try', () => {
    expect(retryDelaySeconds(0, highest)).toBe(2);
    expect(retryDelaySeconds(Number.NaN, highest)).toBe(2);
  });

  test('keeps retrying a message through a fifteen-second outage many times over before dead-lettering it', () => {
    const window = retryWindowSeconds(MAX_RECEIVE_COUNT);

    expect(window.min).toBeGreaterThanOrEqual(20 * 15);
  });

  test('dead-letters a message that always fails within a quarter of an hour', () => {
    expect(retryWindowSeconds(MAX_RECEIVE_COUNT).max).toBeLessThanOrEqual(15 * 60);
  });
});
