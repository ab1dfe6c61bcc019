import { questUpdated } from '../../../events/quests';
import { decideChange, decideCreate } from '../../../functions/quest-catalog/domain/quest';
import { quest } from './in-memory';

const ctx = { now: new Date('2026-12-03T10:00:00.000Z'), catalogVersion: 4, correlationId: 'corr' };
const { version: _v, updatedAt: _u, ...newQuest } = quest();

describe('the quest catalog', () => {
  test('a new quest is version 1 and raises the catalog version in its quest.updated', () => {
    const decision = decideCreate(undefined, newQuest, ctx);

    expect(decision).toEqual({
      outcome: 'saved',
      quest: { ...newQuest, version: 1, updatedAt: '2026-12-03T10:00:00.000Z' },
      catalogVersion: 5,
      events: [
        {
          definition: questUpdated,
          detail: expect.objectContaining({ eventId: 'quest-updated#sign-in-3-times#5', change: 'created' }),
        },
      ],
    });
  });

  test('an id that is taken is refused', () => {
    expect(decideCreate(quest(), newQuest, ctx)).toEqual({ outcome: 'exists', questId: 'sign-in-3-times' });
  });

  test('a change raises the quest version', () => {
    const decision = decideChange(quest(), 'sign-in-3-times', { target: 5 }, ctx);

    expect(decision.outcome === 'saved' && [decision.quest.version, decision.quest.target]).toEqual([2, 5]);
  });

  test('deactivating says so in the event', () => {
    const decision = decideChange(quest(), 'sign-in-3-times', { active: false }, ctx);

    expect(decision.outcome === 'saved' && decision.events[0]?.detail).toEqual(
      expect.objectContaining({ change: 'deactivated' }),
    );
  });

  test('a change to the same values saves and publishes nothing', () => {
    expect(decideChange(quest(), 'sign-in-3-times', { target: 3 }, ctx).outcome).toBe('unchanged');
  });

  test('a change of an unknown quest is refused', () => {
    expect(decideChange(undefined, 'nope', { target: 3 }, ctx)).toEqual({
      outcome: 'unknown',
      questId: 'nope',
    });
  });
});
