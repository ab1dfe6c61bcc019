import { z } from 'zod';
import { requireGroup } from '../../../shared/http/caller';
import { httpRoute } from '../../../shared/http/http-handler';
import { GROUPS } from '../../../shared/identity';
import { isValidDayKey } from '../../../shared/time';
import { runMissedDayJob } from '../use-cases/run-missed-day';
import { clock, logger, metrics, store } from '../wiring';

export const missedDayRunBody = z
  .object({ day: z.string().refine(isValidDayKey, 'expected a UTC day key YYYY-MM-DD') })
  .strict();

/** POST /admin/missed-day-runs {day}: an admin runs the missed-day job for a day; players get 403. */
export const handler = httpRoute({ logger, metrics, body: missedDayRunBody }, async ({ caller, body }) => {
  requireGroup(caller, GROUPS.admins);
  const report = await runMissedDayJob({ store: store(), now: clock.now }, body.day);
  return { statusCode: 200, body: report };
});
