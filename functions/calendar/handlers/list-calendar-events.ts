import { httpRoute } from '../../../shared/http/http-handler';
import { publicView } from '../domain/calendar-event';
import { encodeCursor } from '../domain/cursor';
import { listUpcoming } from '../use-cases/read-calendar';
import { clock, logger, metrics, store } from '../wiring';
import { listQueryFrom } from './input';

/** GET /events?limit=&cursor=: upcoming calendar events, soonest first; `nextCursor` while there are more. */
export const handler = httpRoute({ logger, metrics }, async ({ query }) => {
  const page = await listUpcoming({ store: store(), now: clock.now }, listQueryFrom(query));
  return {
    statusCode: 200,
    body: {
      events: page.items.map(publicView),
      ...(page.next ? { nextCursor: encodeCursor(page.next) } : {}),
    },
  };
});
