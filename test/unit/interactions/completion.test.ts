import { interactionCompleted } from '../../../events/pet-game';
import { completionEventId, decideCompletion } from '../../../functions/interactions/domain/completion';

const decide = (templateId: string, now: string, userId = 'user-1') =>
  decideCompletion({ userId, templateId, now: new Date(now), correlationId: 'corr-1' });

describe('decideCompletion', () => {
  test('records a known template with its rewards, on the UTC day of the clock', () => {
    const decision = decide('drink_water', '2026-11-22T08:15:00.000Z');

    expect(decision).toEqual({
      outcome: 'completed',
      completion: {
        userId: 'user-1',
        templateId: 'drink_water',
        dayKey: '2026-11-22',
        completedAt: '2026-11-22T08:15:00.000Z',
        hpDelta: 5,
        xpReward: 10,
        eventId: 'completed#user-1#2026-11-22#drink_water',
      },
      events: [
        {
          definition: interactionCompleted,
          detail: {
            eventId: 'completed#user-1#2026-11-22#drink_water',
            correlationId: 'corr-1',
            userId: 'user-1',
            templateId: 'drink_water',
            completedAt: '2026-11-22T08:15:00.000Z',
            dayKey: '2026-11-22',
            hpDelta: 5,
            xpReward: 10,
          },
        },
      ],
    });
  });

  test('refuses an unknown template and says which', () => {
    const decision = decide('juggle_chainsaws', '2026-11-22T08:15:00.000Z');

    expect(decision).toEqual({ outcome: 'unknown-template', templateId: 'juggle_chainsaws' });
  });

  test('counts the last millisecond of a UTC day in that day', () => {
    const decision = decide('drink_water', '2026-11-22T23:59:59.999Z');

    expect(decision.outcome === 'completed' && decision.completion.dayKey).toBe('2026-11-22');
  });

  test('counts midnight UTC in the new day', () => {
    const decision = decide('drink_water', '2026-11-23T00:00:00.000Z');

    expect(decision.outcome === 'completed' && decision.completion.dayKey).toBe('2026-11-23');
  });

  test('uses the UTC day, not the local day of a clock given with an offset', () => {
    // 23:30 in New York on the 22nd is already the 23rd in UTC.
    const decision = decide('drink_water', '2026-11-22T23:30:00.000-05:00');

    expect(decision.outcome === 'completed' && decision.completion.dayKey).toBe('2026-11-23');
  });

  test('gives the same event id to a second completion of the template the same day', () => {
    const morning = decide('study_25m', '2026-11-22T08:00:00.000Z');
    const evening = decide('study_25m', '2026-11-22T21:00:00.000Z');

    expect([morning, evening].map((d) => d.outcome === 'completed' && d.events[0]?.detail.eventId)).toEqual([
      'completed#user-1#2026-11-22#study_25m',
      'completed#user-1#2026-11-22#study_25m',
    ]);
  });

  test('gives different event ids on different days', () => {
    const today = decide('study_25m', '2026-11-22T08:00:00.000Z');
    const tomorrow = decide('study_25m', '2026-11-23T08:00:00.000Z');

    expect([today, tomorrow].map((d) => d.outcome === 'completed' && d.events[0]?.detail.eventId)).toEqual([
      'completed#user-1#2026-11-22#study_25m',
      'completed#user-1#2026-11-23#study_25m',
    ]);
  });

  test('produces an event that honours the interaction.completed contract', () => {
    const decision = decide('play_10m', '2026-11-22T08:15:00.000Z');
    if (decision.outcome !== 'completed') throw new Error(`expected a completion, got ${decision.outcome}`);

    const checked = interactionCompleted.schema.safeParse({
      ...decision.events[0]?.detail,
      schemaVersion: 1,
    });

    expect(checked.success).toBe(true);
  });
});

describe('completionEventId', () => {
  test('is completed#<user>#<day>#<template>', () => {
    expect(completionEventId('u-9', '2028-02-29', 'exercise_15m')).toBe(
      'completed#u-9#2028-02-29#exercise_15m',
    );
  });
});
