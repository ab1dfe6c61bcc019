import { delayAfter, waitSeconds, withFailure } from '../../../functions/auth/domain/throttle';

const policy = { freeFailures: 5, baseDelaySeconds: 2, maxDelaySeconds: 900, forgetAfterSeconds: 3600 };
const at = (seconds: number) => new Date(seconds * 1000);

describe('the sign-in throttle', () => {
  test('the free failures cost no wait; each one after doubles it, up to the cap', () => {
    const delays = [1, 5, 6, 7, 8, 9, 20].map((failures) => delayAfter(failures, policy));

    expect(delays).toEqual([0, 0, 2, 4, 8, 16, 900]);
  });

  test('a key waits from its last failure, and Retry-After rounds the rest up to whole seconds', () => {
    const record = { failures: 7, lastFailureAt: 1000 };

    expect(waitSeconds(record, at(1000.5), policy)).toBe(4);
    expect(waitSeconds(record, at(1003.9), policy)).toBe(1);
    expect(waitSeconds(record, at(1004), policy)).toBe(0);
  });

  test('a key with no failure for the forget period starts again from one', () => {
    const record = { failures: 30, lastFailureAt: 1000 };

    expect(waitSeconds(record, at(1000 + 3600), policy)).toBe(0);
    expect(withFailure(record, at(1000 + 3600), policy)).toEqual({ failures: 1, lastFailureAt: 4600 });
    expect(withFailure(record, at(1000 + 3599), policy)).toEqual({ failures: 31, lastFailureAt: 4599 });
  });

  test('a failure stamped later than now (a clock set back) makes a key wait no longer than its delay', () => {
    expect(waitSeconds({ failures: 7, lastFailureAt: 50_000 }, at(1000), policy)).toBe(4);
    expect(waitSeconds({ failures: 3, lastFailureAt: 50_000 }, at(1000), policy)).toBe(0);
  });
});
