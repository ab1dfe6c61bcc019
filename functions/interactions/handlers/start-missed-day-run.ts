import { z } from 'zod';
import { requireGroup } from '../../../shared/http/caller';
import { BadRequestError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { GROUPS } from '../../../shared/identity';
import { isValidDayKey } from '../../../shared/time';
import { runMissedDayJob } from '../use-cases/run-missed-day';
import { clock, logger, metrics, store } from '../wiring';

export const missedDayRunBody = z
  .object({ day: z.string().refine(isValidDayKey, 'expected a UTC day key YYYY-MM-DD') })
  .strict();

/** POST /admin/missed-day-runs {day}: an admin runs the missed-day job for a day; players get 403. */
export const handler = httpRoute(
  { logger, metrics, clock, body: missedDayRunBody },
  async ({ caller, body }) => {
    requireGroup(caller, GROUPS.admins);
    const report = await runMissedDayJob({ store: store(), now: clock.now }, body.day);
    if (report.outcome === 'day-not-over') {
      throw new BadRequestError(
        'DAY_NOT_OVER',
        `${report.dayKey} is not over yet (it ends at ${report.endsAt}): a day can be judged only after it ended.`,
        [
          {
            field: 'day',
            message: `must be a day that has ended; ${report.dayKey} ends at ${report.endsAt}`,
          },
        ],
      );
    }
    return { statusCode: 200, body: report };
  },
);
