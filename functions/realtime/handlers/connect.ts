import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { openConnection } from '../use-cases/connections';
import { clock, logger, store } from '../wiring';
import { ok, type SocketEvent, tokenExpiryOf, userOf } from './socket-event';

/** $connect: the authorizer let this user in; remember the connection and its token's expiry. */
export const handler = middy(async (event: SocketEvent) => {
  const userId = userOf(event);
  if (!userId) return { statusCode: 401, body: 'Unauthorized' };
  await openConnection(
    { store: store(), now: clock.now },
    { connectionId: event.requestContext.connectionId, userId, tokenExpiresAt: tokenExpiryOf(event) },
  );
  logger.info('connected', { connectionId: event.requestContext.connectionId, userId });
  return ok;
}).use(injectLambdaContext(logger, { resetKeys: true }));
