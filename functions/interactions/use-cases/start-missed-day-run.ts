import { judgeable } from '../domain/missed-day-input';
import {
  type MissedDayRunReport,
  newRun,
  pagesToJudge,
  type RunTrigger,
  runReport,
} from '../domain/missed-day-run';
import type { MissedDayRuns, MissedDayWork } from '../ports';

export interface DayNotOver {
  outcome: 'day-not-over';
  dayKey: string;
  endsAt: string;
}

export interface RunStarted {
  /** 'started': a new run; 'resumed': the day's unfinished run, only its pages not yet judged sent again. */
  outcome: 'started' | 'resumed';
  run: MissedDayRunReport;
}

/**
 * Starts judging a day that has ended, in the background: the run is saved, then planned and judged page by page
 * by the run's queue. If the day's latest run has not finished, this resumes it instead (its pages not yet
 * judged are sent again; judged pages are not redone); once finished, a new run judges the day again with the
 * same event ids.
 */
export async function startMissedDayRun(
  deps: { runs: MissedDayRuns; work: MissedDayWork; now: () => Date; newRunId: () => string },
  input: { dayKey: string; trigger: RunTrigger },
): Promise<DayNotOver | RunStarted> {
  const { dayKey } = input;
  const verdict = judgeable(dayKey, deps.now());
  if (!verdict.ok) return { outcome: 'day-not-over', dayKey, endsAt: verdict.endsAt };

  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.runs.currentRun(dayKey);
    if (current) {
      const pages = await deps.runs.pages(current.runId);
      const report = runReport(current, pages, deps.now());
      if (report.status === 'planning') {
        // Planned by one invocation at a time (idempotent on the message id): a copy while it plans is dropped.
        await deps.work.plan(current);
        return { outcome: 'resumed', run: report };
      }
      if (report.status === 'running') {
        await deps.work.judge(current, pagesToJudge(pages));
        return { outcome: 'resumed', run: report };
      }
    }
    const run = newRun({ runId: deps.newRunId(), dayKey, trigger: input.trigger, now: deps.now() });
    if (await deps.runs.createRun(run, current?.runId)) {
      await deps.work.plan(run);
      return { outcome: 'started', run: runReport(run, [], deps.now()) };
    }
    // Someone else started the day's run in between: resume theirs.
  }
  throw new Error(`Could not start or resume a missed-day run for ${dayKey}: it kept changing`);
}
