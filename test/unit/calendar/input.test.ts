import { createBody } from '../../../functions/calendar/handlers/input';

const fields = { name: 'Pizza night', location: 'Berlin', capacity: 20 };

describe('a calendar event’s start', () => {
  test('may be as late as the last millisecond of the year 9999, UTC', () => {
    expect(createBody.safeParse({ ...fields, startsAt: '9999-12-31T23:59:59.999Z' }).success).toBe(true);
  });

  test('is refused when its offset puts it in the year 10000 (no ISO time could store it)', () => {
    const parsed = createBody.safeParse({ ...fields, startsAt: '9999-12-31T23:59:59-23:59' });

    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['startsAt', 'must be before the year 10000 (UTC)'],
    ]);
  });
});
