import { httpRoute } from '../../../shared/http/http-handler';
import { listMyQuests } from '../use-cases/list-my-quests';
import { catalog, logger, metrics, store } from '../wiring';

/** GET /quests/me: every active quest with the caller's progress, completions and status. */
export const handler = httpRoute({ logger, metrics }, async ({ caller }) => ({
  statusCode: 200,
  body: { quests: await listMyQuests({ store: store(), catalog: catalog() }, caller.userId) },
}));
