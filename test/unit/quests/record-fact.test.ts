import { emptyState, type TriggerFact } from '../../../functions/quest-progress/domain/progress';
import { rebuildProgress } from '../../../functions/quest-progress/use-cases/rebuild-progress';
import { recordFact } from '../../../functions/quest-progress/use-cases/record-fact';
import { FixedCatalog, InMemoryProgressStore, quest } from './in-memory';

const USER = 'user-1';
const NOW = new Date('2026-12-03T10:00:00.000Z');

function signIn(n: number, dayKey = '2026-12-03'): TriggerFact {
  return {
    userId: USER,
    type: n === 1 ? 'signed_up' : 'signed_in',
    at: `${dayKey}T09:00:00.000Z`,
    dayKey,
    sourceEventId: `signed-in#${USER}#${n}`,
    correlationId: `corr-${n}`,
  };
}

function setup(snapshotEvery = 0, quests = [quest()]) {
  const store = new InMemoryProgressStore();
  const deps = { store, catalog: new FixedCatalog(quests), now: () => NOW, snapshotEvery };
  return { store, deps };
}

describe('recording a trigger fact', () => {
  test('the same sign-in delivered twice progresses the quest once', async () => {
    const { store, deps } = setup();

    await recordFact(deps, 'user.signed_in', signIn(1));
    const second = await recordFact(deps, 'user.signed_in', signIn(1));

    expect(second).toEqual([{ questId: 'sign-in-3-times', outcome: 'duplicate', completed: false }]);
    expect((await store.getState(USER, 'sign-in-3-times'))?.facts).toBe(1);
  });

  test('a writer that appended first makes the fact go after its entry, not over it', async () => {
    const { store, deps } = setup();
    await recordFact(deps, 'user.signed_in', signIn(1));
    store.beforeNextAppend = () => {
      // Another worker records sign-in 2 between this one's read and its write.
      const state = store.statesByKey.get(`${USER}/sign-in-3-times`)!;
      const entry = {
        seq: 2,
        type: 'signed_in' as const,
        at: NOW.toISOString(),
        recordedAt: NOW.toISOString(),
        dayKey: '2026-12-03',
        sourceEventId: 'other',
      };
      store.statesByKey.set(`${USER}/sign-in-3-times`, { ...state, seq: 2, facts: 2, sinceCompletion: 2 });
      store.streams.get(`${USER}/sign-in-3-times`)!.push(entry);
    };

    await recordFact(deps, 'user.signed_in', signIn(3));

    const stream = store.streams.get(`${USER}/sign-in-3-times`)!;
    expect(stream.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(stream.map((e) => e.type)).toEqual(['signed_up', 'signed_in', 'signed_in', 'quest_completed']);
  });

  test('an inactive quest does not listen', async () => {
    const { store, deps } = setup(0, [quest({ active: false })]);

    await recordFact(deps, 'user.signed_in', signIn(1));

    expect(store.streams.size).toBe(0);
  });

  test('a completion puts quest.completed in the outbox with the state', async () => {
    const { store, deps } = setup();

    for (const n of [1, 2, 3]) await recordFact(deps, 'user.signed_in', signIn(n));

    expect(store.outbox.map((e) => e.detail.eventId)).toEqual([`quest-completed#${USER}#sign-in-3-times#1`]);
  });

  test('a snapshot is kept every N entries', async () => {
    const { store, deps } = setup(4);

    for (let n = 1; n <= 10; n++) await recordFact(deps, 'user.signed_in', signIn(n));

    expect(store.snapshots.get(`${USER}/sign-in-3-times`)?.map((s) => s.seq)).toEqual([4, 8, 12]);
  });
});

describe('rebuilding progress', () => {
  test('replaying from the first entry reproduces the stored state exactly', async () => {
    const { store, deps } = setup(4);
    for (let n = 1; n <= 10; n++) await recordFact(deps, 'user.signed_in', signIn(n));

    const [report] = await rebuildProgress({ store }, { userId: USER, useSnapshots: false });

    expect(report).toEqual(expect.objectContaining({ matches: true, replayed: 12, fromSnapshot: null }));
    expect(report?.rebuilt).toEqual(await store.getState(USER, 'sign-in-3-times'));
  });

  test('replaying from the latest snapshot reproduces it too, reading only the entries after it', async () => {
    const { store, deps } = setup(5);
    for (let n = 1; n <= 10; n++) await recordFact(deps, 'user.signed_in', signIn(n));

    const [report] = await rebuildProgress({ store }, { userId: USER, useSnapshots: true });

    expect(report).toEqual(expect.objectContaining({ matches: true, fromSnapshot: 10, replayed: 2 }));
  });

  test('a stored state that differs from its stream is reported', async () => {
    const { store, deps } = setup();
    for (const n of [1, 2]) await recordFact(deps, 'user.signed_in', signIn(n));
    store.statesByKey.set(`${USER}/sign-in-3-times`, {
      ...emptyState(USER, 'sign-in-3-times'),
      seq: 2,
      facts: 5,
    });

    const [report] = await rebuildProgress({ store }, { userId: USER, useSnapshots: false });

    expect(report?.matches).toBe(false);
  });
});
