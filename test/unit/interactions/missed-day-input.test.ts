import { dayToJudge, missedDayJobInput } from '../../../functions/interactions/domain/missed-day-input';

/** What the daily EventBridge schedule sends. */
const scheduledEvent = (time: string) => ({
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time,
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/missed-day'],
  detail: {},
});

const judged = (event: unknown) => dayToJudge(missedDayJobInput.parse(event));

describe('the missed-day job input', () => {
  test('judges yesterday when the schedule fires at 00:05 UTC', () => {
    expect(judged(scheduledEvent('2026-11-23T00:05:00Z'))).toBe('2026-11-22');
  });

  test('judges the last day of the previous month on the first of a month', () => {
    expect(judged(scheduledEvent('2026-03-01T00:05:00Z'))).toBe('2026-02-28');
  });

  test('judges the leap day on the first of March of a leap year', () => {
    expect(judged(scheduledEvent('2028-03-01T00:05:00Z'))).toBe('2028-02-29');
  });

  test('judges New Year’s Eve on New Year’s Day', () => {
    expect(judged(scheduledEvent('2027-01-01T00:05:00Z'))).toBe('2026-12-31');
  });

  test('judges the day it is given by hand', () => {
    expect(judged({ day: '2026-11-20' })).toBe('2026-11-20');
  });

  test.each([
    ['a day that does not exist', '2026-02-30'],
    ['a leap day in a common year', '2026-02-29'],
    ['an unpadded day key', '2026-1-1'],
    ['a timestamp', '2026-11-20T00:00:00Z'],
    ['an empty string', ''],
  ])('rejects %s', (_label, day) => {
    const result = missedDayJobInput.safeParse({ day });

    expect(result.success).toBe(false);
  });

  // Regression: isValidDayKey used to throw a RangeError on an Invalid Date such as month 13; the refine threw out
  // of safeParse, so the job failed with "Invalid time value" instead of a validation error naming `day`.
  test.each([
    ['month 13', '2026-13-01'],
    ['day 32', '2026-01-32'],
    ['month 00', '2026-00-10'],
  ])('rejects a day key with %s as invalid input instead of throwing', (_label, day) => {
    const parse = () => missedDayJobInput.safeParse({ day });

    expect(parse).not.toThrow();
    expect(parse().success).toBe(false);
  });

  test('rejects an event that is neither a schedule nor a day', () => {
    const result = missedDayJobInput.safeParse({
      'detail-type': 'Something Else',
      time: '2026-11-23T00:05:00Z',
    });

    expect(result.success).toBe(false);
  });

  test('rejects a scheduled event whose time is not a timestamp', () => {
    const result = missedDayJobInput.safeParse(scheduledEvent('yesterday'));

    expect(result.success).toBe(false);
  });
});
