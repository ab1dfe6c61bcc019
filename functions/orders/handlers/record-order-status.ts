import type { Logger } from '@aws-lambda-powertools/logger';
import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { fromDeliveryUpdated, fromPlaced, fromReady, type StatusUpdate } from '../domain/timeline';
import { recordOrderStatus } from '../use-cases/record-order-status';
import { clock, config, dynamoDb, logger, metrics, orderStatuses } from '../wiring';

async function record(update: StatusUpdate, log: Logger): Promise<void> {
  const result = await recordOrderStatus({ orders: orderStatuses(), now: clock.now }, update);
  const about = { orderId: update.orderId, status: update.status };
  if (result.outcome === 'unknown-order') {
    log.warn('status event for an unknown order; ignored', about);
    return;
  }
  log.info('order status recorded', {
    ...about,
    timelineEntry: result.entryAdded ? 'added' : 'already there',
    orderStatus:
      result.moved === 'advanced' ? update.status : `kept (not paid, or ${update.status} is not ahead of it)`,
  });
}

/** The orders service's subscriber to the order-status topic: the timeline every customer sees. */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(orderPlaced, async (detail, { logger: log }) => record(fromPlaced(detail), log)),
    onEvent(orderReady, async (detail, { logger: log }) => record(fromReady(detail), log)),
    onEvent(orderDeliveryUpdated, async (detail, { logger: log }) =>
      record(fromDeliveryUpdated(detail), log),
    ),
  ],
});
