import { interactionCompleted, interactionMissed } from '../../../events/pet-game';
import { compareEvents } from '../../../functions/pets/domain/pet';
import { fromCompleted, fromMissed } from '../../../functions/pets/domain/pet-events';

describe('fromCompleted', () => {
  test('turns an interaction.completed detail into a pet event that happened when it was completed', () => {
    const detail = interactionCompleted.example;

    const event = fromCompleted(detail);

    expect(event).toEqual({
      type: 'interaction.completed',
      eventId: 'completion#3f0c1a52-8c3e-4f4b-9a53-1f0d5c1e7a10',
      dayKey: '2026-11-22',
      occurredAt: '2026-11-22T08:15:00.000Z',
      templateId: 'drink_water',
      hpDelta: 5,
      xpReward: 10,
    });
  });
});

describe('fromMissed', () => {
  test('places a missed day at the last millisecond of that day, not when the job detected it', () => {
    const detail = interactionMissed.example;

    const event = fromMissed(detail);

    expect(event).toEqual({
      type: 'interaction.missed',
      eventId: 'missed#6a1b2c3d-0000-4000-8000-0000000000a1#2026-11-22',
      dayKey: '2026-11-22',
      occurredAt: '2026-11-22T23:59:59.999Z',
    });
  });
});

describe('the order of events built from contract-valid details', () => {
  // Regression (was a bug: pet-events.ts passed completedAt through unchanged): the contract accepts any
  // ISO timestamp (z.iso.datetime(): with or without milliseconds, any sub-second precision), fromCompleted
  // passes completedAt through unchanged, and orderKey compares the raw strings. 'Z' sorts after '.', so
  // '10:00:00Z' is taken to be later than '10:00:00.500Z', and '23:59:59Z' later than that day's missed event
  // at '23:59:59.999Z'. Our own producer always writes toISOString() (3 digits), so only another producer hits it.
  test('puts a completion sent without milliseconds before one half a second later', () => {
    const onTheSecond = fromCompleted({
      ...interactionCompleted.example,
      eventId: 'completed#u1#2026-11-22#drink_water',
      completedAt: '2026-11-22T10:00:00Z',
    });
    const halfASecondLater = fromCompleted({
      ...interactionCompleted.example,
      eventId: 'completed#u1#2026-11-22#study_25m',
      completedAt: '2026-11-22T10:00:00.500Z',
    });

    const order = [halfASecondLater, onTheSecond].sort(compareEvents);

    expect(order.map((e) => e.eventId)).toEqual([
      'completed#u1#2026-11-22#drink_water',
      'completed#u1#2026-11-22#study_25m',
    ]);
  });

  test('puts a completion at 23:59:59 sent without milliseconds before the missed day it falls in', () => {
    const lastSecond = fromCompleted({
      ...interactionCompleted.example,
      completedAt: '2026-11-22T23:59:59Z',
    });
    const missedDay = fromMissed(interactionMissed.example);

    const order = [missedDay, lastSecond].sort(compareEvents);

    expect(order.map((e) => e.type)).toEqual(['interaction.completed', 'interaction.missed']);
  });
});
