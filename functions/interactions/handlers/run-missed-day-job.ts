import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { interactionMissed } from '../../../events/pet-game';
import { dayKeyOf, isValidDayKey, previousDayKey } from '../../../shared/time';
import { missedDayEvents } from '../domain/missed-day';
import { clock, interactions, logger, metrics, publisher } from '../wiring';

export const ROSTER_PAGE_SIZE = 500;

/** Invoked by the daily schedule (an EventBridge scheduled event) or by hand with `{ "day": "YYYY-MM-DD" }`. */
const jobInput = z.union([
  z.object({ day: z.string().refine(isValidDayKey, 'expected a UTC day key YYYY-MM-DD') }),
  z.object({ 'detail-type': z.literal('Scheduled Event'), time: z.iso.datetime() }),
]);

export interface MissedDayReport {
  dayKey: string;
  playersChecked: number;
  activePlayers: number;
  missedPublished: number;
  rosterPages: number;
  durationMs: number;
}

/** The day to judge: the one given, or the day before the schedule fired (00:05 UTC judges yesterday). */
export function dayToJudge(input: z.infer<typeof jobInput>): string {
  return 'day' in input ? input.day : previousDayKey(dayKeyOf(new Date(input.time)));
}

export const handler = middy(async (event: unknown): Promise<MissedDayReport> => {
  const started = Date.now();
  const input = jobInput.safeParse(event);
  if (!input.success) throw new Error(`Invalid missed-day job input: ${input.error.message}`);
  const dayKey = dayToJudge(input.data);
  const correlationId = `missed-day-job#${dayKey}`;
  logger.appendKeys({ correlationId, dayKey });

  const activeUserIds = await interactions.activePlayersOn(dayKey);
  let playersChecked = 0;
  let missedPublished = 0;
  let rosterPages = 0;
  for await (const roster of interactions.rosterPages(ROSTER_PAGE_SIZE)) {
    rosterPages++;
    playersChecked += roster.length;
    const missed = missedDayEvents({ roster, activeUserIds, dayKey, now: clock.now(), correlationId });
    await publisher.publish(interactionMissed, missed);
    missedPublished += missed.length;
  }

  const report = {
    dayKey,
    playersChecked,
    activePlayers: activeUserIds.size,
    missedPublished,
    rosterPages,
    durationMs: Date.now() - started,
  };
  metrics.addMetric('MissedDaysPublished', MetricUnit.Count, missedPublished);
  logger.info('missed-day job finished', { ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
