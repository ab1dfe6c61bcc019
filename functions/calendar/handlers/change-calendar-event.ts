import { ConflictError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { publicView } from '../domain/calendar-event';
import { changeCalendarEvent } from '../use-cases/change-calendar-event';
import { clock, logger, metrics, store } from '../wiring';
import {
  busy,
  calendarEventIdFrom,
  cancelledConflict,
  changeBody,
  notFound,
  notYours,
  startsInPast,
} from './input';

/** PATCH /events/{id}: its organizer or an admin changes some fields; 200 with the new version. */
export const handler = httpRoute(
  { logger, metrics, body: changeBody },
  async ({ caller, body, pathParameters, correlationId }) => {
    const id = calendarEventIdFrom(pathParameters);
    const result = await changeCalendarEvent(
      { store: store(), now: clock.now },
      { actor: caller, id, changes: body, correlationId },
    );
    switch (result.outcome) {
      case 'not-found':
        throw notFound(id);
      case 'forbidden':
        throw notYours();
      case 'cancelled':
        throw cancelledConflict();
      case 'starts-in-past':
        throw startsInPast();
      case 'capacity-below-registered':
        throw new ConflictError(
          'CAPACITY_BELOW_REGISTERED',
          `${result.registeredCount} places are taken; the capacity cannot be lower.`,
          [{ field: 'capacity', message: `must be at least ${result.registeredCount}` }],
        );
      case 'busy':
        throw busy();
      case 'updated':
        return { statusCode: 200, body: publicView(result.calendarEvent) };
    }
  },
);
