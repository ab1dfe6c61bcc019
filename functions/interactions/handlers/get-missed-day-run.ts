import { BadRequestError, NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { GROUPS } from '../../../shared/identity';
import { getMissedDayRun } from '../use-cases/get-missed-day-run';
import { clock, logger, metrics, runs } from '../wiring';
import { runIdParameter } from './input';

/** GET /admin/missed-day-runs/{runId}: a run's status, pages total and done, players checked, missed published. */
export const handler = httpRoute(
  { logger, metrics, clock, group: GROUPS.admins },
  async ({ pathParameters }) => {
    const runId = runIdParameter.safeParse(pathParameters.runId);
    if (!runId.success) {
      throw new BadRequestError('INVALID_RUN_ID', undefined, [
        { field: 'runId', message: runId.error.issues[0]?.message ?? 'invalid' },
      ]);
    }
    const report = await getMissedDayRun({ runs: runs(), now: clock.now }, runId.data);
    if (!report) throw new NotFoundError('UNKNOWN_RUN', `There is no missed-day run '${runId.data}'.`);
    return { statusCode: 200, body: { ...report, day: report.dayKey } };
  },
);
