import { orderPlaced, orderReady } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { choosePrepMs, cookedOrder, KitchenFaultError, readyEvent } from '../domain/kitchen';
import { clock, config, dynamoDb, kitchen, logger, metrics, publisher, worker } from '../wiring';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A kitchen: takes one paid order at a time from the kitchen queue (the other kitchen competes for the same
 * queue), cooks it, records who cooked it, and announces order.ready. An order is cooked at most once; a
 * second delivery of a cooked order only announces it again, with the same event id.
 */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(orderPlaced, async (order, { logger: log }) => {
      const settings = await kitchen.settings();
      if (settings.fault) {
        throw new KitchenFaultError(`${worker.kitchenName} is out of order (fault switched on)`);
      }
      let cooked = await kitchen.cooked(order.orderId);
      if (cooked) {
        log.info('order already cooked; announcing it again', { kitchenWorker: cooked.kitchenWorker });
      } else {
        const prepMs = choosePrepMs(settings, Math.random);
        await sleep(prepMs);
        const outcome = await kitchen.recordCooked(cookedOrder(order, worker, prepMs, clock.now()));
        cooked = outcome.cooked;
        log.info(outcome.recorded ? 'order cooked' : 'another worker cooked this order first', {
          orderId: order.orderId,
          prepMs,
          kitchenWorker: cooked.kitchenWorker,
        });
      }
      await publisher.publish(orderReady, readyEvent(cooked));
    }),
  ],
});
