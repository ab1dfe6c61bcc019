import { orderReady } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { dispatch } from '../dispatch';
import { clock, config, deliveries, dynamoDb, logger, metrics, publisher, steps } from '../wiring';

/** A cooked order joins the waiting list and gets the longest-free driver, or waits until one is free. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(orderReady, async (ready, { logger: log, correlationId }) => {
      const now = clock.now().toISOString();
      const added = await deliveries.enqueue({
        orderId: ready.orderId,
        userId: ready.userId,
        correlationId,
        status: 'WAITING',
        readyAt: ready.readyAt,
        waitingSince: now,
        steps: {},
      });
      if (!added) log.info('order already known to delivery', { orderId: ready.orderId });
      await dispatch({ deliveries, publisher, steps, logger: log, now: clock.now });
    }),
  ],
});
