import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { dayKeyOf, isValidDayKey, previousDayKey } from '../../../shared/time';
import { type MissedDayReport, runMissedDayJob } from '../missed-day-job';
import { clock, interactions, logger, metrics, publisher } from '../wiring';

/** Invoked by the daily schedule (an EventBridge scheduled event) or by hand with `{ "day": "YYYY-MM-DD" }`. */
export const missedDayJobInput = z.union([
  z.object({ day: z.string().refine(isValidDayKey, 'expected a UTC day key YYYY-MM-DD') }),
  z.object({ 'detail-type': z.literal('Scheduled Event'), time: z.iso.datetime() }),
]);

/** The day to judge: the one given, or the day before the schedule fired (00:05 UTC judges yesterday). */
export function dayToJudge(input: z.infer<typeof missedDayJobInput>): string {
  return 'day' in input ? input.day : previousDayKey(dayKeyOf(new Date(input.time)));
}

export const handler = middy(async (event: unknown): Promise<MissedDayReport> => {
  const input = missedDayJobInput.safeParse(event);
  if (!input.success) throw new Error(`Invalid missed-day job input: ${input.error.message}`);
  const dayKey = dayToJudge(input.data);
  logger.appendKeys({ correlationId: `missed-day-job#${dayKey}`, dayKey });
  const report = await runMissedDayJob({ interactions, publisher, now: clock.now }, dayKey);
  metrics.addMetric('MissedDaysPublished', MetricUnit.Count, report.missedPublished);
  logger.info('missed-day job finished', { ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
