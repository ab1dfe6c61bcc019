import { httpRoute } from '../../../shared/http/http-handler';
import { listToday } from '../use-cases/list-today';
import { clock, logger, metrics, store } from '../wiring';

/** GET /interactions/today: what the caller has completed on the current UTC day. */
export const handler = httpRoute({ logger, metrics, clock }, async ({ caller }) => ({
  statusCode: 200,
  body: await listToday({ store: store(), now: clock.now }, caller.userId),
}));
