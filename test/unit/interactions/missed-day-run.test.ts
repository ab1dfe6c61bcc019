import type { RosterEntry } from '../../../functions/interactions/domain/missed-day';
import {
  cutPoints,
  type MissedDayRun,
  pagesFrom,
  runReport,
} from '../../../functions/interactions/domain/missed-day-run';
import { getMissedDayRun } from '../../../functions/interactions/use-cases/get-missed-day-run';
import { judgeRosterPage } from '../../../functions/interactions/use-cases/judge-roster-page';
import { planMissedDayRun } from '../../../functions/interactions/use-cases/plan-missed-day-run';
import { startMissedDayRun } from '../../../functions/interactions/use-cases/start-missed-day-run';
import {
  InMemoryInteractionsStore,
  InMemoryMissedDayRuns,
  InMemoryMissedDayWork,
  type WorkMessage,
} from './in-memory-missed-day';

const DAY = '2026-11-22';
const AFTER_THE_DAY = new Date('2026-11-23T00:05:00.000Z');
const PAGE_SIZE = 10;

const players = (count: number, adoptedDay = '2026-11-01'): RosterEntry[] =>
  Array.from({ length: count }, (_, i) => ({ userId: `u-${String(i).padStart(4, '0')}`, adoptedDay }));

function world(state: { roster?: RosterEntry[]; active?: string[]; now?: Date } = {}) {
  const store = new InMemoryInteractionsStore({
    roster: state.roster,
    active: { [DAY]: state.active ?? [] },
  });
  const runs = new InMemoryMissedDayRuns();
  const work = new InMemoryMissedDayWork();
  let ids = 0;
  const now = () => state.now ?? AFTER_THE_DAY;
  const deps = { store, runs, work, now, newRunId: () => `run-${++ids}` };
  const start = () => startMissedDayRun(deps, { dayKey: DAY, trigger: 'admin' });
  const deliver = async (message: WorkMessage) =>
    message.kind === 'plan'
      ? planMissedDayRun(deps, { runId: message.runId, pageSize: PAGE_SIZE })
      : judgeRosterPage(deps, message);
  /** Delivers every message sent, and those they send, until the queue is empty. */
  const drain = async () => {
    for (let batch = work.take(); batch.length > 0; batch = work.take()) {
      for (const message of batch) await deliver(message);
    }
  };
  const report = (runId: string) => getMissedDayRun({ runs, now }, runId);
  return { store, runs, work, deps, start, deliver, drain, report };
}

async function startedRunId(w: ReturnType<typeof world>): Promise<string> {
  const started = await w.start();
  if (started.outcome === 'day-not-over') throw new Error('the day should be over');
  return started.run.runId;
}

describe('cutting the roster into pages', () => {
  test('cuts 25 keys into pages of 10, 10 and an open last page of 5', () => {
    const cuts = cutPoints(
      players(25).map((p) => p.userId),
      10,
    );

    expect(pagesFrom(cuts)).toEqual([
      { page: 1, last: 'u-0009' },
      { page: 2, after: 'u-0009', last: 'u-0019' },
      { page: 3, after: 'u-0019' },
    ]);
  });

  test('does not cut at the very last key, so a roster of exactly two pages has two pages', () => {
    const cuts = cutPoints(
      players(20).map((p) => p.userId),
      10,
    );

    expect(pagesFrom(cuts)).toEqual([
      { page: 1, last: 'u-0009' },
      { page: 2, after: 'u-0009' },
    ]);
  });

  test('gives an empty roster one open page', () => {
    expect(pagesFrom(cutPoints([], 10))).toEqual([{ page: 1 }]);
  });
});

describe('a run report', () => {
  const run: MissedDayRun = {
    runId: 'r',
    dayKey: DAY,
    trigger: 'admin',
    startedAt: '2026-11-23T00:05:00.000Z',
  };
  const outcome = (judgedAt: string) => ({
    playersChecked: 10,
    activePlayers: 2,
    missedPublished: 8,
    judgedAt,
  });

  test('is planning until the roster has been cut', () => {
    expect(runReport(run, [], AFTER_THE_DAY).status).toBe('planning');
  });

  test('is running while a page has no outcome, with the totals of the pages done', () => {
    const report = runReport(
      { ...run, pagesTotal: 2 },
      [{ page: 1, outcome: outcome('2026-11-23T00:05:01.000Z') }, { page: 2 }],
      AFTER_THE_DAY,
    );

    expect(report).toMatchObject({ status: 'running', pagesTotal: 2, pagesDone: 1, missedPublished: 8 });
  });

  test('is finished when every page has its outcome, ending when the last page was judged', () => {
    const report = runReport(
      { ...run, pagesTotal: 2 },
      [
        { page: 1, outcome: outcome('2026-11-23T00:05:03.000Z') },
        { page: 2, outcome: outcome('2026-11-23T00:05:02.000Z') },
      ],
      new Date('2026-11-23T01:00:00.000Z'),
    );

    expect(report).toMatchObject({
      status: 'finished',
      finishedAt: '2026-11-23T00:05:03.000Z',
      durationMs: 3000,
      pagesDone: 2,
      playersChecked: 20,
      activePlayers: 4,
      missedPublished: 16,
    });
  });
});

describe('starting a missed-day run', () => {
  test('refuses a day that has not ended, and starts nothing', async () => {
    const w = world({ roster: players(3), now: new Date('2026-11-22T23:00:00.000Z') });

    const result = await w.start();

    expect(result).toEqual({ outcome: 'day-not-over', dayKey: DAY, endsAt: '2026-11-22T23:59:59.999Z' });
    expect(w.work.sent).toEqual([]);
  });

  test('saves a run that is planning and asks the queue to plan it', async () => {
    const w = world({ roster: players(3) });

    const result = await w.start();

    expect(result).toMatchObject({
      outcome: 'started',
      run: { runId: 'run-1', dayKey: DAY, status: 'planning' },
    });
    expect(w.work.sent).toEqual([{ kind: 'plan', runId: 'run-1', dayKey: DAY }]);
  });

  test('resumes the day’s unfinished run: only its pages without an outcome are sent again', async () => {
    const w = world({ roster: players(25) });
    const runId = await startedRunId(w);
    await w.deliver(w.work.take()[0]!);
    const [first, ...rest] = w.work.take();
    await w.deliver(first!);

    const again = await w.start();

    expect(again).toMatchObject({ outcome: 'resumed', run: { runId, status: 'running', pagesDone: 1 } });
    expect(w.work.take()).toEqual(rest);
  });

  test('asks for the plan again when the day’s run is still planning', async () => {
    const w = world({ roster: players(3) });
    const runId = await startedRunId(w);
    w.work.take();

    const again = await w.start();

    expect(again).toMatchObject({ outcome: 'resumed', run: { runId, status: 'planning' } });
    expect(w.work.take()).toEqual([{ kind: 'plan', runId, dayKey: DAY }]);
  });

  test('after a finished run, judges the day again in a new run with the very same event ids', async () => {
    const w = world({ roster: players(12), active: ['u-0003'] });
    await startedRunId(w);
    await w.drain();
    const firstIds = w.store.outbox.map((e) => e.eventId);

    const second = await startedRunId(w);
    await w.drain();

    expect(second).toBe('run-2');
    expect(w.store.outbox.map((e) => e.eventId)).toEqual([...firstIds, ...firstIds]);
  });

  test('gives two admins starting a day at once one run', async () => {
    const w = world({ roster: players(3) });

    const [a, b] = await Promise.all([w.start(), w.start()]);

    const ids = [a, b].map((r) => (r.outcome === 'day-not-over' ? undefined : r.run.runId));
    expect(ids[0]).toBe(ids[1]);
    expect(w.runs.runs.size).toBe(1);
  });
});

describe('planning and judging a run', () => {
  test('judges every player on the roster once, page by page, and sums the pages into the run', async () => {
    const w = world({ roster: players(25), active: ['u-0000', 'u-0012', 'someone-without-a-pet'] });
    const runId = await startedRunId(w);

    await w.drain();

    expect(await w.report(runId)).toMatchObject({
      status: 'finished',
      pagesTotal: 3,
      pagesDone: 3,
      playersChecked: 25,
      activePlayers: 2,
      missedPublished: 23,
    });
    const missed = players(25)
      .map((p) => p.userId)
      .filter((u) => u !== 'u-0000' && u !== 'u-0012');
    expect(w.store.outbox.map((e) => e.eventId)).toEqual(missed.map((u) => `missed#${u}#${DAY}`));
  });

  test('spares players adopted after the day, yet counts them as checked', async () => {
    const w = world({ roster: [...players(2), { userId: 'u-late', adoptedDay: '2026-11-23' }] });
    const runId = await startedRunId(w);

    await w.drain();

    expect(await w.report(runId)).toMatchObject({ playersChecked: 3, missedPublished: 2 });
  });

  test('a replayed page writes nothing and counts once', async () => {
    const w = world({ roster: players(25) });
    const runId = await startedRunId(w);
    await w.deliver(w.work.take()[0]!);
    const pages = w.work.take();
    for (const page of pages) await w.deliver(page);
    const outboxBefore = w.store.outbox.length;

    const replay = await w.deliver(pages[1]!);

    expect(replay).toEqual({ outcome: 'already-judged', page: 2 });
    expect(w.store.outbox).toHaveLength(outboxBefore);
    expect(await w.report(runId)).toMatchObject({ pagesDone: 3, playersChecked: 25, missedPublished: 25 });
  });

  test('a page judged twice at the same time records its outcome once, and both copies carry the same ids', async () => {
    const w = world({ roster: players(25) });
    const runId = await startedRunId(w);
    await w.deliver(w.work.take()[0]!);
    const [first] = w.work.take();

    const results = await Promise.all([w.deliver(first!), w.deliver(first!)]);

    expect(results.map((r) => r.outcome).sort()).toEqual(['already-judged', 'judged']);
    expect(new Set(w.store.outbox.map((e) => e.eventId)).size).toBe(10);
    expect(await w.report(runId)).toMatchObject({ pagesDone: 1, playersChecked: 10, missedPublished: 10 });
  });

  test('planning a run again keeps its plan and sends only the pages without an outcome', async () => {
    const w = world({ roster: players(25) });
    const runId = await startedRunId(w);
    const plan = w.work.take()[0]!;
    await w.deliver(plan);
    const [first, ...rest] = w.work.take();
    await w.deliver(first!);
    await w.store.addToRoster({ userId: 'a-newcomer', adoptedDay: '2026-11-01' });

    const again = await w.deliver(plan);

    expect(again).toMatchObject({ outcome: 'already-planned', pagesTotal: 3, pagesSent: 2 });
    expect(w.work.take()).toEqual(rest);
    expect((await w.runs.pages(runId)).map((p) => p.last)).toEqual(['u-0009', 'u-0019', undefined]);
  });

  test('a player who joins the roster after planning is judged in exactly one page', async () => {
    const w = world({ roster: players(25) });
    const runId = await startedRunId(w);
    await w.deliver(w.work.take()[0]!);
    await w.store.addToRoster({ userId: 'u-0014b', adoptedDay: '2026-11-01' });
    await w.store.addToRoster({ userId: 'zz-last', adoptedDay: '2026-11-01' });

    await w.drain();

    expect(await w.report(runId)).toMatchObject({ playersChecked: 27, missedPublished: 27 });
    expect(w.store.outbox.filter((e) => e.userId === 'u-0014b' || e.userId === 'zz-last')).toHaveLength(2);
  });

  test('an unknown run cannot be planned and has no report', async () => {
    const w = world();

    expect(await w.deliver({ kind: 'plan', runId: 'nope', dayKey: DAY })).toEqual({
      outcome: 'unknown-run',
      runId: 'nope',
    });
    expect(await w.report('nope')).toBeUndefined();
  });

  test('a page the run never planned is unknown', async () => {
    const w = world({ roster: players(3) });
    const runId = await startedRunId(w);

    expect(await w.deliver({ kind: 'page', runId, dayKey: DAY, page: 9 })).toEqual({
      outcome: 'unknown-page',
      page: 9,
    });
  });
});
