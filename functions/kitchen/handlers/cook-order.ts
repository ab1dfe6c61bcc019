import { orderPlaced } from '../../../events/pizza';
import {
  DuplicateMessageError,
  eventConsumer,
  onEvent,
  RetryLaterError,
} from '../../../shared/messaging/event-consumer';
import { cookOrder } from '../use-cases/cook-order';
import { clock, config, dynamoDb, logger, metrics, oven, store, worker } from '../wiring';

/**
 * A kitchen: takes one paid order at a time from the kitchen queue (the other kitchen competes for the same
 * queue), claims it and cooks it; order.ready leaves through the outbox with the record of who cooked it.
 *
 * An order the other kitchen has claimed and is cooking is not cooked here. A message received for the first time
 * is then a second copy of order.placed (the bus re-announced it): the holder's own message stays in the queue
 * until it is cooked, and comes back if the holder dies, so this copy is dropped. A message received before may be
 * the holder's own (its visibility ran out): it comes back once the holder's lease has run out, and by then the
 * order is cooked (a duplicate, acknowledged) or free for whoever gets it.
 */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(orderPlaced, async (order, { logger: log, receiveCount }) => {
      const result = await cookOrder(
        { store: store(), oven, worker, now: clock.now, random: Math.random },
        order,
      );
      if (result.outcome === 'claimed-elsewhere') {
        const holder = { orderId: order.orderId, claimedBy: result.claim.kitchenWorker, receiveCount };
        if (receiveCount <= 1) {
          // Not `return`: that would record the event as handled by this kitchen, and the holder's own message,
          // should the holder die, could come back to this kitchen and be skipped.
          log.info('order claimed by another kitchen; this copy is a duplicate', holder);
          throw new DuplicateMessageError(
            `order ${order.orderId} is being cooked by ${result.claim.kitchenWorker}`,
          );
        }
        const leftMs = Date.parse(result.claim.leaseUntil) - clock.now().getTime();
        log.info('order claimed by another kitchen; retried once its claim has run out', holder);
        throw new RetryLaterError(
          `order ${order.orderId} is being cooked by ${result.claim.kitchenWorker}`,
          Math.max(1, Math.ceil(leftMs / 1000) + 1),
        );
      }
      log.info(result.outcome === 'cooked' ? 'order cooked' : 'order already cooked; nothing to do', {
        orderId: order.orderId,
        prepMs: result.cooked.prepMs,
        kitchenWorker: result.cooked.kitchenWorker,
      });
    }),
  ],
});
