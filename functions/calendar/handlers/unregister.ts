import { NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { unregister } from '../use-cases/register';
import { clock, logger, metrics, store } from '../wiring';
import { calendarEventIdFrom } from './input';

/** DELETE /events/{id}/registrations/me: the caller gives their place back. 204; 404 NOT_REGISTERED. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters, correlationId }) => {
  const calendarEventId = calendarEventIdFrom(pathParameters);
  const result = await unregister(
    { store: store(), now: clock.now },
    { calendarEventId, userId: caller.userId, correlationId },
  );
  if (result.outcome === 'not-registered') {
    throw new NotFoundError('NOT_REGISTERED');
  }
  return { statusCode: 204 };
});
