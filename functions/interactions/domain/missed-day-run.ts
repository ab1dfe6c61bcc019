/**
 * A missed-day run: the roster cut into pages, each judged on its own (by its own invocation) and its outcome
 * recorded once. The run's totals are the sum of its pages' outcomes, so no page ever writes to a shared
 * counter and a replayed page cannot count twice.
 */

/** The players after `after` (exclusive) up to and including `last`; no `after`: from the start; no `last`: to the end. */
export interface RosterRange {
  after?: string;
  last?: string;
}

export interface RosterPage extends RosterRange {
  page: number;
}

export interface PageOutcome {
  playersChecked: number;
  activePlayers: number;
  missedPublished: number;
  judgedAt: string;
}

export interface PageRecord extends RosterPage {
  outcome?: PageOutcome;
}

export type RunTrigger = 'admin' | 'schedule';

export interface MissedDayRun {
  runId: string;
  dayKey: string;
  trigger: RunTrigger;
  startedAt: string;
  /** Set once the roster has been cut into pages. */
  pagesTotal?: number;
  plannedAt?: string;
}

export type RunStatus = 'planning' | 'running' | 'finished';

export interface MissedDayRunReport {
  runId: string;
  dayKey: string;
  status: RunStatus;
  trigger: RunTrigger;
  startedAt: string;
  /** When the last page was judged; only once finished. */
  finishedAt?: string;
  pagesTotal?: number;
  pagesDone: number;
  playersChecked: number;
  /** Players on the roster who completed something that day. */
  activePlayers: number;
  missedPublished: number;
  /** From the start to the last page judged (or to now while it runs). */
  durationMs: number;
}

export function runCorrelationId(runId: string): string {
  return `missed-day-run#${runId}`;
}

export function planMessageId(runId: string): string {
  return `missed-day-plan#${runId}`;
}

export function pageMessageId(runId: string, page: number): string {
  return `missed-day-page#${runId}#${page}`;
}

export function newRun(input: {
  runId: string;
  dayKey: string;
  trigger: RunTrigger;
  now: Date;
}): MissedDayRun {
  return {
    runId: input.runId,
    dayKey: input.dayKey,
    trigger: input.trigger,
    startedAt: input.now.toISOString(),
  };
}

/**
 * Pages from the roster's cut points (the last key of every full page, in key order). Ranges, not lists: the
 * first page is open at the start and the last at the end, so a player added to the roster while the run is
 * planned or judged still falls into exactly one page.
 */
export function pagesFrom(cutPoints: readonly string[]): RosterPage[] {
  const pages: RosterPage[] = [];
  let after: string | undefined;
  for (const last of cutPoints) {
    pages.push({ page: pages.length + 1, ...(after === undefined ? {} : { after }), last });
    after = last;
  }
  pages.push({ page: pages.length + 1, ...(after === undefined ? {} : { after }) });
  return pages;
}

/**
 * Cut points from the roster's keys, in key order: the last key of every full page of `pageSize`, except the very
 * last key (the last page stays open).
 */
export function cutPoints(keys: readonly string[], pageSize: number): string[] {
  const cuts: string[] = [];
  for (let end = pageSize; end < keys.length; end += pageSize) cuts.push(keys[end - 1]!);
  return cuts;
}

/** A run and its pages, summed; finished once every planned page has its outcome. */
export function runReport(run: MissedDayRun, pages: readonly PageRecord[], now: Date): MissedDayRunReport {
  const done = pages.filter((p) => p.outcome);
  const sum = (pick: (o: PageOutcome) => number) =>
    done.reduce((total, p) => total + pick(p.outcome as PageOutcome), 0);
  const planned = run.pagesTotal !== undefined;
  const finished = planned && done.length >= (run.pagesTotal ?? 0);
  const finishedAtMs = finished
    ? Math.max(Date.parse(run.startedAt), ...done.map((p) => Date.parse((p.outcome as PageOutcome).judgedAt)))
    : undefined;
  const finishedAt = finishedAtMs === undefined ? undefined : new Date(finishedAtMs).toISOString();
  const end = finishedAtMs ?? now.getTime();
  return {
    runId: run.runId,
    dayKey: run.dayKey,
    status: !planned ? 'planning' : finished ? 'finished' : 'running',
    trigger: run.trigger,
    startedAt: run.startedAt,
    ...(finishedAt ? { finishedAt } : {}),
    ...(planned ? { pagesTotal: run.pagesTotal } : {}),
    pagesDone: done.length,
    playersChecked: sum((o) => o.playersChecked),
    activePlayers: sum((o) => o.activePlayers),
    missedPublished: sum((o) => o.missedPublished),
    durationMs: Math.max(0, end - Date.parse(run.startedAt)),
  };
}

/** The pages a (re)planned run still has to judge: a retry resumes, it does not start from zero. */
export function pagesToJudge(pages: readonly PageRecord[]): RosterPage[] {
  return pages
    .filter((p) => !p.outcome)
    .map(({ page, after, last }) => ({
      page,
      ...(after === undefined ? {} : { after }),
      ...(last === undefined ? {} : { last }),
    }));
}
