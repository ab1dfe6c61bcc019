import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { listMyEvents } from '../use-cases/list-my-events';
import { logger, metrics, store } from '../wiring';
import { listMyEventsQuery } from './input';

/** GET /quests/me/events[?questId=]: the caller's quest streams, oldest first. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, query }) => {
  const { questId } = parseInput(query, listMyEventsQuery);
  const events = await listMyEvents({ store: store() }, { userId: caller.userId, questId });
  return { statusCode: 200, body: { events } };
});
