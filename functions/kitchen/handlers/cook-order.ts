import { orderPlaced } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { cookOrder } from '../use-cases/cook-order';
import { clock, config, dynamoDb, logger, metrics, oven, store, worker } from '../wiring';

/**
 * A kitchen: takes one paid order at a time from the kitchen queue (the other kitchen competes for the same
 * queue) and cooks it; order.ready leaves through the outbox with the record of who cooked it.
 */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(orderPlaced, async (order, { logger: log }) => {
      const result = await cookOrder(
        { store: store(), oven, worker, now: clock.now, random: Math.random },
        order,
      );
      log.info(result.outcome === 'cooked' ? 'order cooked' : 'order already cooked; nothing to do', {
        orderId: order.orderId,
        prepMs: result.cooked.prepMs,
        kitchenWorker: result.cooked.kitchenWorker,
      });
    }),
  ],
});
