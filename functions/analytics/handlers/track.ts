import { NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { trackBody } from '../domain/track';
import { acceptTrack } from '../use-cases/analytics';
import { buffer, clock, logger, metrics, store } from '../wiring';

/** POST /track {type, eventId, clientEventId}: 202 as soon as the track is buffered; 404 for an unknown event. */
export const handler = httpRoute({ logger, metrics, body: trackBody }, async ({ caller, body }) => {
  const result = await acceptTrack(
    { buffer: buffer(), events: store(), now: clock.now },
    {
      type: body.type,
      calendarEventId: body.eventId,
      clientEventId: body.clientEventId,
      userId: caller.userId,
    },
  );
  if (result.outcome === 'unknown-event') {
    throw new NotFoundError('EVENT_NOT_FOUND', `There is no event '${body.eventId}' to track.`);
  }
  return { statusCode: 202, body: { accepted: true } };
});
