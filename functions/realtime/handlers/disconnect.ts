import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { closeConnection } from '../use-cases/connections';
import { logger, store } from '../wiring';
import { ok, type SocketEvent } from './socket-event';

/** $disconnect: the connection and its subscriptions go. */
export const handler = middy(async (event: SocketEvent) => {
  await closeConnection({ store: store() }, event.requestContext.connectionId);
  logger.info('disconnected', { connectionId: event.requestContext.connectionId });
  return ok;
}).use(injectLambdaContext(logger, { resetKeys: true }));
