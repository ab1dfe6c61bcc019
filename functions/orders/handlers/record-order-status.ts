import type { Logger } from '@aws-lambda-powertools/logger';
import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { fromDeliveryUpdated, fromPlaced, fromReady, type StatusUpdate } from '../domain/timeline';
import { clock, config, dynamoDb, logger, metrics, orders } from '../wiring';

/**
 * Each status event once on the order's timeline, and the order's status moved forward only. The entry is
 * written first and the status after, each on its own idempotent condition, so a retry after a crash in between
 * completes what was left.
 */
async function record(update: StatusUpdate, log: Logger): Promise<void> {
  const order = await orders.get(update.orderId);
  if (!order) {
    // Nothing to attach it to: the orders service never took this order. Retrying would not change that.
    log.warn('status event for an unknown order; ignored', {
      orderId: update.orderId,
      status: update.status,
    });
    return;
  }
  const added = await orders.addTimelineEntry(update.orderId, update.entry);
  const moved = await orders.advanceStatus(update.orderId, update.status, clock.now());
  log.info('order status recorded', {
    orderId: update.orderId,
    status: update.status,
    timelineEntry: added ? 'added' : 'already there',
    orderStatus:
      moved === 'advanced' ? update.status : `kept (not paid, or ${update.status} is not ahead of it)`,
  });
}

/** The orders service's subscriber to the order-status topic: the timeline every customer sees. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(orderPlaced, async (detail, { logger: log }) => record(fromPlaced(detail), log)),
    onEvent(orderReady, async (detail, { logger: log }) => record(fromReady(detail), log)),
    onEvent(orderDeliveryUpdated, async (detail, { logger: log }) =>
      record(fromDeliveryUpdated(detail), log),
    ),
  ],
});
