import { ForbiddenError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { publicView } from '../domain/calendar-event';
import { createCalendarEvent } from '../use-cases/create-calendar-event';
import { clock, ids, logger, metrics, store } from '../wiring';
import { createBody, startsInPast } from './input';

/** POST /events: organizers and admins create; the organizer is the caller. 201 with the calendar event. */
export const handler = httpRoute(
  { logger, metrics, body: createBody },
  async ({ caller, body, correlationId }) => {
    const result = await createCalendarEvent(
      { store: store(), ids, now: clock.now },
      { actor: caller, fields: body, correlationId },
    );
    switch (result.outcome) {
      case 'forbidden':
        throw new ForbiddenError("Creating events needs the 'organizers' group.");
      case 'starts-in-past':
        throw startsInPast();
      case 'created':
        return { statusCode: 201, body: publicView(result.calendarEvent) };
    }
  },
);
