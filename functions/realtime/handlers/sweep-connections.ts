import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { closeExpiredConnections } from '../use-cases/connections';
import { clock, logger, pusher, store } from '../wiring';

/** Every minute (a scheduled rule): closes the connections whose access token has expired, idle ones included. */
export const handler = middy(async () => {
  const closed = await closeExpiredConnections({ store: store(), pusher: pusher(), now: clock.now });
  if (closed > 0) logger.info('closed connections whose token expired', { closed });
  return { closed };
}).use(injectLambdaContext(logger, { resetKeys: true }));
