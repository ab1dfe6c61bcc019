import { ConflictError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { register } from '../use-cases/register';
import { clock, ids, logger, metrics, store } from '../wiring';
import { calendarEventIdFrom, cancelledConflict, notFound } from './input';

/** POST /events/{id}/registrations: the caller takes a place. 201; 409 EVENT_FULL / ALREADY_REGISTERED. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters, correlationId }) => {
  const calendarEventId = calendarEventIdFrom(pathParameters);
  const result = await register(
    { store: store(), ids, now: clock.now },
    { calendarEventId, userId: caller.userId, username: caller.username, correlationId },
  );
  switch (result.outcome) {
    case 'not-found':
      throw notFound(calendarEventId);
    case 'cancelled':
      throw cancelledConflict();
    case 'started':
      throw new ConflictError('EVENT_STARTED');
    case 'full':
      throw new ConflictError('EVENT_FULL');
    case 'already-registered':
      throw new ConflictError(
        'ALREADY_REGISTERED',
        undefined,
        result.registration ? { registeredAt: result.registration.registeredAt } : undefined,
      );
    case 'registered':
      return { statusCode: 201, body: result.registration };
  }
});
