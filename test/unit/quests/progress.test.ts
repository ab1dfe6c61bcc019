import { questCompleted } from '../../../events/quests';
import {
  decideFact,
  emptyState,
  fold,
  longestRun,
  type ProgressState,
  statusOf,
  type TriggerFact,
} from '../../../functions/quest-progress/domain/progress';
import { quest } from './in-memory';

const USER = 'user-1';
const NOW = new Date('2026-12-03T10:00:00.000Z');

function fact(n: number, dayKey = '2026-12-03', type: TriggerFact['type'] = 'signed_in'): TriggerFact {
  return {
    userId: USER,
    type,
    at: `${dayKey}T09:00:${String(n).padStart(2, '0')}.000Z`,
    dayKey,
    sourceEventId: `signed-in#${USER}#${n}`,
    correlationId: `corr-${n}`,
  };
}

/** Feeds the facts one by one as the use case would, and answers the stream and the events. */
function run(q = quest(), facts: TriggerFact[]) {
  let state: ProgressState = emptyState(USER, q.questId);
  const entries = [];
  const events = [];
  for (const f of facts) {
    const decision = decideFact(state, q, f, NOW);
    state = decision.state;
    entries.push(...decision.entries);
    events.push(...decision.events);
  }
  return { state, entries, events };
}

describe('quest progress (count)', () => {
  test('six sign-ins of a new user give the seeds stream: signed up, 2 signed in, completed, 3 signed in, completed', () => {
    const facts = [fact(1, undefined, 'signed_up'), ...[2, 3, 4, 5, 6].map((n) => fact(n))];

    const { entries } = run(quest(), facts);

    expect(entries.map((e) => e.type)).toEqual([
      'signed_up',
      'signed_in',
      'signed_in',
      'quest_completed',
      'signed_in',
      'signed_in',
      'signed_in',
      'quest_completed',
    ]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('each completion publishes quest.completed with its number, the reward and autoClaim', () => {
    const { events } = run(
      quest(),
      [1, 2, 3, 4, 5, 6].map((n) => fact(n)),
    );

    expect(events.map((e) => e.definition)).toEqual([questCompleted, questCompleted]);
    expect(events.map((e) => e.detail)).toEqual([
      expect.objectContaining({
        eventId: `quest-completed#${USER}#sign-in-3-times#1`,
        completion: 1,
        reward: { currency: 'diamond', amount: 10 },
        autoClaim: false,
      }),
      expect.objectContaining({ eventId: `quest-completed#${USER}#sign-in-3-times#2`, completion: 2 }),
    ]);
  });

  test('a seventh sign-in is recorded and completes nothing once duplication is reached', () => {
    const { state, entries, events } = run(
      quest(),
      [1, 2, 3, 4, 5, 6, 7].map((n) => fact(n)),
    );

    expect(entries.at(-1)).toEqual(expect.objectContaining({ seq: 9, type: 'signed_in' }));
    expect(events).toHaveLength(2);
    expect(state.completions).toBe(2);
  });

  test('folding the recorded stream gives the state the decisions left', () => {
    const { state, entries } = run(
      quest(),
      [1, 2, 3, 4, 5, 6, 7].map((n) => fact(n)),
    );

    expect(fold(emptyState(USER, 'sign-in-3-times'), entries)).toEqual(state);
  });

  test('folding refuses an entry that does not follow the last one', () => {
    const { entries } = run(quest(), [fact(1), fact(2)]);

    expect(() => fold(emptyState(USER, 'sign-in-3-times'), [entries[1]!])).toThrow('does not follow');
  });
});

describe('quest progress (daily streak)', () => {
  const streak = quest({
    questId: 'three-day-streak',
    kind: 'daily_streak',
    target: 3,
    duplication: 1,
    reward: { currency: 'gold', amount: 50 },
    autoClaim: true,
  });

  test('sign-ins on three consecutive UTC days complete the streak', () => {
    const { events } = run(streak, [fact(1, '2026-12-01'), fact(2, '2026-12-02'), fact(3, '2026-12-03')]);

    expect(events.map((e) => e.detail)).toEqual([
      expect.objectContaining({ completion: 1, reward: { currency: 'gold', amount: 50 }, autoClaim: true }),
    ]);
  });

  test('several sign-ins on one day count as one day', () => {
    const { events, state } = run(streak, [
      fact(1, '2026-12-01'),
      fact(2, '2026-12-01'),
      fact(3, '2026-12-02'),
    ]);

    expect(events).toHaveLength(0);
    expect(state.streakDays).toEqual(['2026-12-01', '2026-12-02']);
  });

  test('a skipped day resets the streak', () => {
    const { events } = run(streak, [
      fact(1, '2026-12-01'),
      fact(2, '2026-12-02'),
      fact(3, '2026-12-04'),
      fact(4, '2026-12-05'),
    ]);

    expect(events).toHaveLength(0);
  });

  test('the streak after a skipped day completes on its own third day', () => {
    const { events } = run(streak, [
      fact(1, '2026-12-01'),
      fact(2, '2026-12-02'),
      fact(3, '2026-12-04'),
      fact(4, '2026-12-05'),
      fact(5, '2026-12-06'),
    ]);

    expect(events).toHaveLength(1);
  });

  test('sign-ins that arrive out of order still make the streak', () => {
    const { events } = run(streak, [fact(3, '2026-12-03'), fact(1, '2026-12-01'), fact(2, '2026-12-02')]);

    expect(events).toHaveLength(1);
  });

  test('a late sign-in from the completed streak does not start a new one', () => {
    const twice = { ...streak, duplication: 2 };
    const { state } = run(twice, [
      fact(1, '2026-12-01'),
      fact(2, '2026-12-02'),
      fact(3, '2026-12-03'),
      fact(4, '2026-12-02'),
    ]);

    expect(state.streakDays).toEqual([]);
  });

  test('the longest run counts consecutive days across a month end', () => {
    expect(longestRun(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-03'])).toBe(3);
  });
});

describe('quest status', () => {
  test('a completion not credited yet is claimable', () => {
    expect(statusOf({ duplication: 2 }, { completions: 1, sinceCompletion: 0 }, 0)).toBe('claimable');
  });

  test('every completion credited and duplication reached is exhausted', () => {
    expect(statusOf({ duplication: 2 }, { completions: 2, sinceCompletion: 1 }, 2)).toBe('exhausted');
  });

  test('a credited completion with no progress since is claimed', () => {
    expect(statusOf({ duplication: 2 }, { completions: 1, sinceCompletion: 0 }, 1)).toBe('claimed');
  });

  test('progress after a claim is in progress again', () => {
    expect(statusOf({ duplication: 2 }, { completions: 1, sinceCompletion: 1 }, 1)).toBe('in_progress');
  });
});
