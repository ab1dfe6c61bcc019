import { httpRoute } from '../../../shared/http/http-handler';
import { publicView } from '../domain/calendar-event';
import { getCalendarEvent } from '../use-cases/read-calendar';
import { logger, metrics, store } from '../wiring';
import { calendarEventIdFrom, notFound } from './input';

/** GET /events/{id}: one calendar event, to anyone signed in. */
export const handler = httpRoute({ logger, metrics }, async ({ pathParameters }) => {
  const id = calendarEventIdFrom(pathParameters);
  const calendarEvent = await getCalendarEvent({ store: store() }, id);
  if (!calendarEvent) throw notFound(id);
  return { statusCode: 200, body: publicView(calendarEvent) };
});
