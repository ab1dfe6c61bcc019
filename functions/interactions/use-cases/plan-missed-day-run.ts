import { cutPoints, pagesFrom, pagesToJudge } from '../domain/missed-day-run';
import type { InteractionsStore, MissedDayRuns, MissedDayWork } from '../ports';

/** Players per page: one page is one invocation's work (a few hundred outbox writes). */
export const ROSTER_PAGE_SIZE = 500;

export type PlanResult =
  | { outcome: 'unknown-run'; runId: string }
  | { outcome: 'planned' | 'already-planned'; runId: string; pagesTotal: number; pagesSent: number };

/**
 * Cuts the roster into pages (reading its keys only) and sends one message per page. A run planned already
 * keeps its plan, and only its pages without an outcome are sent: planning twice never doubles the work.
 */
export async function planMissedDayRun(
  deps: { store: InteractionsStore; runs: MissedDayRuns; work: MissedDayWork; now: () => Date },
  input: { runId: string; pageSize?: number },
): Promise<PlanResult> {
  const run = await deps.runs.run(input.runId);
  if (!run) return { outcome: 'unknown-run', runId: input.runId };
  let outcome: 'planned' | 'already-planned' = 'already-planned';
  if (run.pagesTotal === undefined) {
    const cuts = cutPoints(await deps.store.rosterKeys(), input.pageSize ?? ROSTER_PAGE_SIZE);
    if (await deps.runs.savePlan(run.runId, pagesFrom(cuts), deps.now())) outcome = 'planned';
  }
  const pages = await deps.runs.pages(run.runId);
  const due = pagesToJudge(pages);
  await deps.work.judge(run, due);
  return { outcome, runId: run.runId, pagesTotal: pages.length, pagesSent: due.length };
}
