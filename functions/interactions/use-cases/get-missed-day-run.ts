import { type MissedDayRunReport, runReport } from '../domain/missed-day-run';
import type { MissedDayRuns } from '../ports';

/** A run's progress and totals, summed from its pages; undefined for a run id never started. */
export async function getMissedDayRun(
  deps: { runs: MissedDayRuns; now: () => Date },
  runId: string,
): Promise<MissedDayRunReport | undefined> {
  const run = await deps.runs.run(runId);
  if (!run) return undefined;
  return runReport(run, await deps.runs.pages(runId), deps.now());
}
