import { interactionMissed } from '../../../events/pet-game';
import {
  missedDayEvents,
  missedEventId,
  type RosterEntry,
} from '../../../functions/interactions/domain/missed-day';

const NOW = new Date('2026-11-23T00:05:00.000Z');

const judge = (roster: RosterEntry[], active: string[] = [], dayKey = '2026-11-22') =>
  missedDayEvents({
    roster,
    activeUserIds: new Set(active),
    dayKey,
    now: NOW,
    correlationId: `missed-day-job#${dayKey}`,
  });

describe('missedDayEvents', () => {
  test('penalises a player who had a pet and completed nothing that day', () => {
    const events = judge([{ userId: 'idle', adoptedDay: '2026-11-01' }]);

    expect(events).toEqual([
      {
        definition: interactionMissed,
        detail: {
          eventId: 'missed#idle#2026-11-22',
          correlationId: 'missed-day-job#2026-11-22',
          userId: 'idle',
          dayKey: '2026-11-22',
          detectedAt: '2026-11-23T00:05:00.000Z',
        },
      },
    ]);
  });

  test('spares a player who was active that day', () => {
    const events = judge([{ userId: 'busy', adoptedDay: '2026-11-01' }], ['busy']);

    expect(events).toEqual([]);
  });

  test('penalises a player adopted on the day itself', () => {
    const events = judge([{ userId: 'new', adoptedDay: '2026-11-22' }]);

    expect(events.map((e) => e.detail.userId)).toEqual(['new']);
  });

  test('spares a player adopted after the day', () => {
    const events = judge([{ userId: 'newer', adoptedDay: '2026-11-23' }]);

    expect(events).toEqual([]);
  });

  test('picks, from a mixed roster, only the idle players who had a pet, in roster order', () => {
    const roster: RosterEntry[] = [
      { userId: 'a', adoptedDay: '2026-10-01' },
      { userId: 'b', adoptedDay: '2026-11-22' },
      { userId: 'c', adoptedDay: '2026-11-23' },
      { userId: 'd', adoptedDay: '2025-12-31' },
      { userId: 'e', adoptedDay: '2026-11-21' },
    ];

    const events = judge(roster, ['b', 'someone-not-in-this-page']);

    expect(events.map((e) => e.detail.userId)).toEqual(['a', 'd', 'e']);
  });

  test('gives identical events when the job runs twice for a day', () => {
    const roster: RosterEntry[] = [
      { userId: 'a', adoptedDay: '2026-10-01' },
      { userId: 'b', adoptedDay: '2026-11-20' },
    ];

    const first = judge(roster);
    const second = judge(roster);

    expect(second.map((e) => e.detail.eventId)).toEqual(['missed#a#2026-11-22', 'missed#b#2026-11-22']);
    expect(second).toEqual(first);
  });

  test('produces events that honour the interaction.missed contract', () => {
    const [event] = judge([{ userId: 'idle', adoptedDay: '2026-11-01' }]);

    const checked = interactionMissed.schema.safeParse({ ...event?.detail, schemaVersion: 1 });

    expect(checked.success).toBe(true);
  });

  test('of an empty roster page is empty', () => {
    expect(judge([])).toEqual([]);
  });
});

describe('missedEventId', () => {
  test('is missed#<user>#<day>', () => {
    expect(missedEventId('u-9', '2028-02-29')).toBe('missed#u-9#2028-02-29');
  });
});
