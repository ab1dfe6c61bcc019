import { RETRY_MAX_SECONDS, retryDelaySeconds } from '../../../../shared/messaging/retry-delay';

describe('the delay before a failed message is tried again', () => {
  test('doubles from two seconds with each receive', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([2, 4, 8, 16]);
  });

  test('never exceeds its ceiling however often the message came back', () => {
    expect(retryDelaySeconds(50)).toBe(RETRY_MAX_SECONDS);
  });

  test('treats a missing or nonsensical receive count as the first try', () => {
    expect(retryDelaySeconds(0)).toBe(2);
    expect(retryDelaySeconds(Number.NaN)).toBe(2);
  });

  test('dead-letters a message that always fails within fifteen seconds at three receives', () => {
    const waitedBeforeDlq = [1, 2].map(retryDelaySeconds).reduce((a, b) => a + b, 0);
    expect(waitedBeforeDlq).toBeLessThanOrEqual(15);
  });
});
