import { z } from 'zod';
import { questIdSchema } from '../../../events/quests';
import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { listMyEvents } from '../use-cases/list-my-events';
import { logger, metrics, store } from '../wiring';

const query = z.object({ questId: questIdSchema.optional() }).strict();

/** GET /quests/me/events[?questId=]: the caller's quest streams, oldest first. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, query: raw }) => {
  const { questId } = parseInput(raw, query);
  const events = await listMyEvents({ store: store() }, { userId: caller.userId, questId });
  return { statusCode: 200, body: { events } };
});
