import { httpRoute } from '../../../shared/http/http-handler';
import { trackBody } from '../domain/track';
import { acceptTrack } from '../use-cases/analytics';
import { buffer, clock, logger, metrics } from '../wiring';

/** POST /track {type, eventId, clientEventId}: 202 as soon as the track is buffered; counted later, once. */
export const handler = httpRoute({ logger, metrics, body: trackBody }, async ({ caller, body }) => {
  await acceptTrack(
    { buffer: buffer(), now: clock.now },
    {
      type: body.type,
      calendarEventId: body.eventId,
      clientEventId: body.clientEventId,
      userId: caller.userId,
    },
  );
  return { statusCode: 202, body: { accepted: true } };
});
