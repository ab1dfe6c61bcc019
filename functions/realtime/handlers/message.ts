import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { handleClientMessage } from '../use-cases/connections';
import { clock, logger, pusher, store } from '../wiring';
import { ok, type SocketEvent, tokenExpiryOf, userOf } from './socket-event';

/** $default: subscribe / unsubscribe messages; the answer goes back through the management API. */
export const handler = middy(async (event: SocketEvent) => {
  const userId = userOf(event);
  if (!userId) return { statusCode: 401, body: '' };
  const outcome = await handleClientMessage(
    { store: store(), pusher: pusher(), now: clock.now },
    {
      connectionId: event.requestContext.connectionId,
      userId,
      tokenExpiresAt: tokenExpiryOf(event),
      body: event.body ?? '',
    },
  );
  logger.info('client message', { connectionId: event.requestContext.connectionId, outcome });
  return ok;
}).use(injectLambdaContext(logger, { resetKeys: true }));
