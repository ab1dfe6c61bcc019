import { explainHistory } from '../../../functions/pets/domain/pet';
import { completed, missed } from './pet-event-builders';

describe('explainHistory', () => {
  // Given out of order on purpose: the history is in the order things happened, newest first.
  const events = [missed('2026-11-22'), completed('2026-11-23'), completed('2026-11-21')];

  test('lists the events newest first', () => {
    const entries = explainHistory(events);

    expect(entries.map((e) => e.eventId)).toEqual([
      'completed#u1#2026-11-23#drink_water',
      'missed#u1#2026-11-22',
      'completed#u1#2026-11-21#drink_water',
    ]);
  });

  test('shows the visible stats before and after each event', () => {
    const entries = explainHistory(events);

    expect({ before: entries[1]?.before, after: entries[1]?.after }).toEqual({
      before: { hp: 100, xp: 10, level: 1, mood: 5, streak: 1 },
      after: { hp: 90, xp: 10, level: 1, mood: 4, streak: 0 },
    });
  });

  test('does not show the internal last active day', () => {
    const entries = explainHistory(events);

    expect(entries[0]?.after).not.toHaveProperty('lastActiveDay');
  });

  test('explains why HP fell and the streak reset on a missed day', () => {
    const entries = explainHistory(events);

    expect(entries[1]?.summary).toBe(
      'Missed every interaction on 2026-11-22: HP 100 → 90, mood 5 → 4, streak 1 → 0',
    );
  });

  test('names the template and lists only what changed on a completion', () => {
    const entries = explainHistory(events);

    expect(entries[0]?.summary).toBe(
      'Completed drink_water on 2026-11-23: HP 90 → 95, XP 10 → 20, mood 4 → 5, streak 0 → 1',
    );
  });

  test('says "no change" when a completion changed nothing visible', () => {
    const first = completed('2026-11-21');
    const nothing = completed('2026-11-21', '09:00:00.000', {
      templateId: 'play_10m',
      hpDelta: 0,
      xpReward: 0,
    });

    const entries = explainHistory([first, nothing]);

    expect(entries[0]?.summary).toBe('Completed play_10m on 2026-11-21: no change');
  });

  test('mentions a level-up', () => {
    const entries = explainHistory([completed('2026-11-21', '08:00:00.000', { xpReward: 100 })]);

    expect(entries[0]?.summary).toBe(
      'Completed drink_water on 2026-11-21: XP 0 → 100, level 1 → 2, streak 0 → 1',
    );
  });

  test('carries the template of a completion and the day and time of each event', () => {
    const entries = explainHistory(events);

    expect(entries[0]).toMatchObject({
      type: 'interaction.completed',
      templateId: 'drink_water',
      dayKey: '2026-11-23',
      occurredAt: '2026-11-23T08:00:00.000Z',
    });
  });

  test('gives a missed day no template', () => {
    const entries = explainHistory(events);

    expect(entries[1]).not.toHaveProperty('templateId');
  });

  test('of no events is empty', () => {
    expect(explainHistory([])).toEqual([]);
  });
});
