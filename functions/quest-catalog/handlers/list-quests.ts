import { httpRoute } from '../../../shared/http/http-handler';
import { listActiveQuests } from '../use-cases/list-active-quests';
import { logger, metrics, store } from '../wiring';

/** GET /quests: the active quests, to any signed-in user. */
export const handler = httpRoute({ logger, metrics }, async () => ({
  statusCode: 200,
  body: { quests: await listActiveQuests({ store: store() }) },
}));
