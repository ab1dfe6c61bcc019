import { httpRoute } from '../../../shared/http/http-handler';
import { publicView } from '../domain/calendar-event';
import { cancelCalendarEvent } from '../use-cases/cancel-calendar-event';
import { clock, logger, metrics, store } from '../wiring';
import { busy, calendarEventIdFrom, cancelledConflict, notFound, notYours } from './input';

/** DELETE /events/{id}: cancels it (it stays readable, as CANCELLED) and event.cancelled names the registered. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters, correlationId }) => {
  const id = calendarEventIdFrom(pathParameters);
  const result = await cancelCalendarEvent(
    { store: store(), now: clock.now },
    { actor: caller, id, correlationId },
  );
  switch (result.outcome) {
    case 'not-found':
      throw notFound(id);
    case 'forbidden':
      throw notYours();
    case 'already-cancelled':
      throw cancelledConflict();
    case 'busy':
      throw busy();
    case 'cancelled':
      return { statusCode: 200, body: publicView(result.calendarEvent) };
  }
});
