import { addDays, dayKeyOf, endOfDay, isValidDayKey, previousDayKey } from '../../../shared/time';

describe('dayKeyOf', () => {
  test('is the UTC date of an instant', () => {
    expect(dayKeyOf(new Date('2026-11-22T08:15:00.000Z'))).toBe('2026-11-22');
  });

  test('puts the last millisecond of a day in that day', () => {
    expect(dayKeyOf(new Date('2026-11-22T23:59:59.999Z'))).toBe('2026-11-22');
  });

  test('puts midnight UTC in the new day', () => {
    expect(dayKeyOf(new Date('2026-11-23T00:00:00.000Z'))).toBe('2026-11-23');
  });

  test('uses UTC, not the offset the instant was written with', () => {
    expect(dayKeyOf(new Date('2026-11-23T01:00:00.000+02:00'))).toBe('2026-11-22');
  });
});

describe('previousDayKey', () => {
  test.each([
    ['within a month', '2026-11-22', '2026-11-21'],
    ['across a month boundary', '2026-12-01', '2026-11-30'],
    ['across a year boundary', '2027-01-01', '2026-12-31'],
    ['onto a leap day', '2028-03-01', '2028-02-29'],
    ['onto the 28th of February in a common year', '2026-03-01', '2026-02-28'],
    ['onto the 28th of February in 2100, which is not a leap year', '2100-03-01', '2100-02-28'],
    ['onto the leap day of 2000, a leap year though a century', '2000-03-01', '2000-02-29'],
  ])('steps back %s', (_label, day, expected) => {
    expect(previousDayKey(day)).toBe(expected);
  });

  test('refuses something that is not a day key', () => {
    expect(() => previousDayKey('yesterday')).toThrow('Not a day key: yesterday');
  });
});

describe('addDays', () => {
  test('steps forward across a leap day', () => {
    expect(addDays('2028-02-28', 2)).toBe('2028-03-01');
  });

  test('steps forward across a year', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  test('adds nothing for zero days', () => {
    expect(addDays('2026-11-22', 0)).toBe('2026-11-22');
  });
});

describe('endOfDay', () => {
  test('is the last millisecond of the UTC day', () => {
    expect(endOfDay('2026-11-22')).toBe('2026-11-22T23:59:59.999Z');
  });
});

describe('isValidDayKey', () => {
  test.each(['2026-11-22', '2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (day) => {
    expect(isValidDayKey(day)).toBe(true);
  });

  test.each([
    ['the 30th of February', '2026-02-30'],
    ['a leap day in a common year', '2026-02-29'],
    ['a leap day in 2100', '2100-02-29'],
    ['the 31st of a 30-day month', '2026-11-31'],
    ['an unpadded month and day', '2026-1-1'],
    ['a timestamp', '2026-11-22T00:00:00Z'],
    ['a day with a trailing newline', '2026-11-22\n'],
    ['an empty string', ''],
  ])('rejects %s', (_label, day) => {
    expect(isValidDayKey(day)).toBe(false);
  });

  // Regression: these are Invalid Dates, and toISOString() on one throws a RangeError; the check used to throw
  // instead of returning false, so an admin's POST /admin/missed-day-runs {"day":"2026-13-01"} was a 500, not a 400.
  test.each([
    ['month 13', '2026-13-01'],
    ['day 32', '2026-01-32'],
    ['month 00', '2026-00-10'],
    ['day 00', '2026-11-00'],
  ])('rejects a day key with %s instead of throwing', (_label, day) => {
    const check = () => isValidDayKey(day);

    expect(check).not.toThrow();
    expect(check()).toBe(false);
  });
});
