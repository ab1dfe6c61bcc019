import {
  compareEvents,
  NEW_PET_STATS,
  orderKey,
  type PetEvent,
  type PetStats,
  replay,
  stateAfter,
} from '../../../functions/pets/domain/pet';
import { completed, missed } from './pet-event-builders';

describe('orderKey', () => {
  test('puts a missed day after the last completion that day', () => {
    const lateCompletion = completed('2026-11-22', '23:59:59.998');

    const order = [missed('2026-11-22'), lateCompletion].sort(compareEvents);

    expect(order.map((e) => e.type)).toEqual(['interaction.completed', 'interaction.missed']);
  });

  test('puts a missed day before the first completion of the next day', () => {
    const nextMorning = completed('2026-11-23', '00:00:00.000');

    const order = [nextMorning, missed('2026-11-22')].sort(compareEvents);

    expect(order.map((e) => e.dayKey)).toEqual(['2026-11-22', '2026-11-23']);
  });

  test('breaks a tie on time with the event id', () => {
    const b = completed('2026-11-22', '08:00:00.000', { templateId: 'study_25m' });
    const a = completed('2026-11-22', '08:00:00.000', { templateId: 'drink_water' });

    const order = [b, a].sort(compareEvents);

    expect(order.map((e) => e.eventId)).toEqual([
      'completed#u1#2026-11-22#drink_water',
      'completed#u1#2026-11-22#study_25m',
    ]);
  });

  test('is the occurrence time and the event id', () => {
    expect(orderKey(missed('2026-11-22'))).toBe('2026-11-22T23:59:59.999Z|missed#u1#2026-11-22');
  });

  test('compares an event equal to itself', () => {
    const event = completed('2026-11-22');

    expect(compareEvents(event, { ...event })).toBe(0);
  });
});

describe('replay', () => {
  test('of no events is a new pet', () => {
    expect(replay([])).toEqual(NEW_PET_STATS);
  });

  test('applies events in the order they happened, not the order given', () => {
    // Prepare: newest first; applied as given, the day-21 completion would not count as a first of day.
    const events = [completed('2026-11-23'), missed('2026-11-22'), completed('2026-11-21')];

    // Act
    const stats = replay(events);

    // Assess: 21st active (streak 1), 22nd missed (-10 HP, mood 4, streak 0), 23rd active again (streak 1).
    expect(stats).toEqual({ hp: 95, xp: 20, level: 1, mood: 5, streak: 1, lastActiveDay: '2026-11-23' });
  });

  test('starts from the initial stats it is given', () => {
    const initial: PetStats = { hp: 40, xp: 95, level: 1, mood: 2, streak: 3, lastActiveDay: '2026-11-21' };

    const stats = replay([completed('2026-11-22')], initial);

    expect(stats).toEqual({ hp: 45, xp: 105, level: 2, mood: 3, streak: 4, lastActiveDay: '2026-11-22' });
  });

  test('does not reorder the array it is given', () => {
    const events = [completed('2026-11-23'), completed('2026-11-21')];

    replay(events);

    expect(events.map((e) => e.dayKey)).toEqual(['2026-11-23', '2026-11-21']);
  });
});

describe('stateAfter', () => {
  const noHistory = () => {
    throw new Error('the history must not be read for an event newer than everything applied');
  };

  test('applies the first event of a pet on top, without reading the history', () => {
    const result = stateAfter({ stats: NEW_PET_STATS, lastOrderKey: null }, missed('2026-11-22'), noHistory);

    expect(result).toEqual({
      stats: { hp: 90, xp: 0, level: 1, mood: 4, streak: 0, lastActiveDay: null },
      lastOrderKey: '2026-11-22T23:59:59.999Z|missed#u1#2026-11-22',
      replayed: false,
    });
  });

  test('applies an event newer than everything applied on top and moves the order key to it', () => {
    const current = {
      stats: { hp: 100, xp: 10, level: 1, mood: 5, streak: 1, lastActiveDay: '2026-11-21' },
      lastOrderKey: '2026-11-21T08:00:00.000Z|completed#u1#2026-11-21#drink_water',
    };

    const result = stateAfter(current, completed('2026-11-22'), noHistory);

    expect(result).toEqual({
      stats: { hp: 100, xp: 20, level: 1, mood: 5, streak: 2, lastActiveDay: '2026-11-22' },
      lastOrderKey: '2026-11-22T08:00:00.000Z|completed#u1#2026-11-22#drink_water',
      replayed: false,
    });
  });

  test('slots a late completion into the history so that it continues the streak it belongs to', () => {
    // Prepare: the 21st and the 23rd are applied; the 22nd arrives last.
    const history: PetEvent[] = [completed('2026-11-21'), completed('2026-11-23')];
    const current = {
      stats: { hp: 100, xp: 20, level: 1, mood: 5, streak: 1, lastActiveDay: '2026-11-23' },
      lastOrderKey: '2026-11-23T08:00:00.000Z|completed#u1#2026-11-23#drink_water',
    };

    // Act
    const result = stateAfter(current, completed('2026-11-22'), () => history);

    // Assess
    expect(result.stats).toEqual({
      hp: 100,
      xp: 30,
      level: 1,
      mood: 5,
      streak: 3,
      lastActiveDay: '2026-11-23',
    });
  });

  test('says it replayed and keeps the order key of the newest event when an event arrives late', () => {
    const history: PetEvent[] = [completed('2026-11-21'), completed('2026-11-23')];
    const current = {
      stats: { hp: 100, xp: 20, level: 1, mood: 5, streak: 1, lastActiveDay: '2026-11-23' },
      lastOrderKey: '2026-11-23T08:00:00.000Z|completed#u1#2026-11-23#drink_water',
    };

    const result = stateAfter(current, completed('2026-11-22'), () => history);

    expect({ lastOrderKey: result.lastOrderKey, replayed: result.replayed }).toEqual({
      lastOrderKey: '2026-11-23T08:00:00.000Z|completed#u1#2026-11-23#drink_water',
      replayed: true,
    });
  });

  test('slots a late missed day before a completion of the next day', () => {
    const history: PetEvent[] = [completed('2026-11-21'), completed('2026-11-23')];
    const current = {
      stats: { hp: 100, xp: 20, level: 1, mood: 5, streak: 1, lastActiveDay: '2026-11-23' },
      lastOrderKey: '2026-11-23T08:00:00.000Z|completed#u1#2026-11-23#drink_water',
    };

    const result = stateAfter(current, missed('2026-11-22'), () => history);

    expect(result.stats).toEqual({
      hp: 95,
      xp: 20,
      level: 1,
      mood: 5,
      streak: 1,
      lastActiveDay: '2026-11-23',
    });
  });

  test('does not apply a second delivery of the newest event twice', () => {
    const history: PetEvent[] = [completed('2026-11-21'), completed('2026-11-22')];
    const current = {
      stats: { hp: 100, xp: 20, level: 1, mood: 5, streak: 2, lastActiveDay: '2026-11-22' },
      lastOrderKey: '2026-11-22T08:00:00.000Z|completed#u1#2026-11-22#drink_water',
    };

    const result = stateAfter(current, completed('2026-11-22'), () => history);

    expect(result.stats).toEqual({
      hp: 100,
      xp: 20,
      level: 1,
      mood: 5,
      streak: 2,
      lastActiveDay: '2026-11-22',
    });
  });

  test('does not apply a second delivery of an older event twice', () => {
    const history: PetEvent[] = [completed('2026-11-21'), missed('2026-11-22')];
    const current = {
      stats: { hp: 90, xp: 10, level: 1, mood: 4, streak: 0, lastActiveDay: '2026-11-21' },
      lastOrderKey: '2026-11-22T23:59:59.999Z|missed#u1#2026-11-22',
    };

    const result = stateAfter(current, completed('2026-11-21'), () => history);

    expect(result.stats).toEqual({
      hp: 90,
      xp: 10,
      level: 1,
      mood: 4,
      streak: 0,
      lastActiveDay: '2026-11-21',
    });
  });
});
