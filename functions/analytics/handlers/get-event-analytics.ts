import { ForbiddenError, NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { analyticsPath } from '../domain/track';
import { readAnalytics } from '../use-cases/analytics';
import { logger, metrics, store } from '../wiring';

/** GET /analytics/events/{id}: views, clicks and shares per UTC day and in total; organizer and admins only. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters }) => {
  const id = pathParameters.id ?? '';
  if (!analyticsPath.safeParse(pathParameters).success) {
    throw new NotFoundError('EVENT_NOT_FOUND', `There is no event '${id.slice(0, 80)}'.`);
  }
  const result = await readAnalytics({ store: store() }, { actor: caller, calendarEventId: id });
  switch (result.outcome) {
    case 'not-found':
      throw new NotFoundError('EVENT_NOT_FOUND', `There is no event '${id.slice(0, 80)}'.`);
    case 'forbidden':
      throw new ForbiddenError('Only the event’s organizer or an admin may read its analytics.');
    case 'read':
      return { statusCode: 200, body: result.analytics };
  }
});
