import { interactionCompleted, interactionMissed } from '../../../events/pet-game';
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
