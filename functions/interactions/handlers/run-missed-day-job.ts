import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { dayToJudge, missedDayJobInput } from '../domain/missed-day-input';
import type { MissedDayRunReport } from '../domain/missed-day-run';
import { startMissedDayRun } from '../use-cases/start-missed-day-run';
import { clock, logger, metrics, runs, work } from '../wiring';

/**
 * The daily schedule (and `npm run missed-day`) start a run exactly as the admin route does, and return at once
 * with the run id; the run's queue does the work page by page.
 */
export const handler = middy(async (event: unknown): Promise<MissedDayRunReport & { resumed: boolean }> => {
  const input = missedDayJobInput.safeParse(event);
  if (!input.success) throw new Error(`Invalid missed-day job input: ${input.error.message}`);
  await clock.sync();
  const dayKey = dayToJudge(input.data);
  logger.appendKeys({ dayKey });
  const result = await startMissedDayRun(
    { runs: runs(), work: work(), now: clock.now, newRunId: randomUUID },
    { dayKey, trigger: 'schedule' },
  );
  if (result.outcome === 'day-not-over') {
    // A failure, so the scheduler's retries and failure destination see it; `npm run missed-day` prints it.
    throw new Error(
      `${dayKey} is not over yet (it ends at ${result.endsAt}): a day is judged only after it ended`,
    );
  }
  metrics.addMetric(
    result.outcome === 'started' ? 'MissedDayRunsStarted' : 'MissedDayRunsResumed',
    MetricUnit.Count,
    1,
  );
  logger.info(`missed-day run ${result.outcome}`, { ...result.run });
  return { ...result.run, resumed: result.outcome === 'resumed' };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
