import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { dayToJudge, missedDayJobInput } from '../domain/missed-day-input';
import { type MissedDayReport, runMissedDayJob } from '../use-cases/run-missed-day';
import { clock, logger, metrics, store } from '../wiring';

export const handler = middy(async (event: unknown): Promise<MissedDayReport> => {
  const input = missedDayJobInput.safeParse(event);
  if (!input.success) throw new Error(`Invalid missed-day job input: ${input.error.message}`);
  await clock.sync();
  const dayKey = dayToJudge(input.data);
  logger.appendKeys({ correlationId: `missed-day-job#${dayKey}`, dayKey });
  const report = await runMissedDayJob({ store: store(), now: clock.now }, dayKey);
  if (report.outcome === 'day-not-over') {
    // A failure, so the scheduler's retries and failure destination see it; `npm run missed-day` prints it.
    throw new Error(
      `${dayKey} is not over yet (it ends at ${report.endsAt}): a day is judged only after it ended`,
    );
  }
  metrics.addMetric('MissedDaysPublished', MetricUnit.Count, report.missedPublished);
  logger.info('missed-day job finished', { ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
