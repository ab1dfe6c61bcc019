import { httpRoute } from '../../../shared/http/http-handler';
import { listRegistrations } from '../use-cases/read-calendar';
import { logger, metrics, store } from '../wiring';
import { calendarEventIdFrom, notFound, notYours } from './input';

/** GET /events/{id}/registrations: who took a place, oldest first; its organizer and admins only. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters }) => {
  const calendarEventId = calendarEventIdFrom(pathParameters);
  const result = await listRegistrations({ store: store() }, { actor: caller, calendarEventId });
  switch (result.outcome) {
    case 'not-found':
      throw notFound(calendarEventId);
    case 'forbidden':
      throw notYours();
    case 'listed':
      return { statusCode: 200, body: { registrations: result.registrations } };
  }
});
