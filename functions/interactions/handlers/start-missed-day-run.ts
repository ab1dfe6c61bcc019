import { randomUUID } from 'node:crypto';
import { BadRequestError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { GROUPS } from '../../../shared/identity';
import { startMissedDayRun } from '../use-cases/start-missed-day-run';
import { clock, logger, metrics, runs, work } from '../wiring';
import { missedDayRunBody } from './input';

/**
 * POST /admin/missed-day-runs {day}: an admin starts judging a day that has ended (202 with the run id; the run
 * goes on in the background, `GET /admin/missed-day-runs/{runId}` shows it), or resumes its unfinished run.
 * Players get 403, before their body is read.
 */
export const handler = httpRoute(
  { logger, metrics, clock, body: missedDayRunBody, group: GROUPS.admins },
  async ({ body }) => {
    const result = await startMissedDayRun(
      { runs: runs(), work: work(), now: clock.now, newRunId: randomUUID },
      { dayKey: body.day, trigger: 'admin' },
    );
    if (result.outcome === 'day-not-over') {
      throw new BadRequestError(
        'DAY_NOT_OVER',
        `${result.dayKey} is not over yet (it ends at ${result.endsAt}): a day can be judged only after it ended.`,
        [
          {
            field: 'day',
            message: `must be a day that has ended; ${result.dayKey} ends at ${result.endsAt}`,
          },
        ],
      );
    }
    return {
      statusCode: 202,
      headers: { location: `/admin/missed-day-runs/${result.run.runId}` },
      body: { ...result.run, day: result.run.dayKey, resumed: result.outcome === 'resumed' },
    };
  },
);
