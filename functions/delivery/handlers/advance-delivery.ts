import { deliveryStepDue } from '../../../events/delivery-steps';
import { eventConsumer, onEvent, PoisonMessageError } from '../../../shared/messaging/event-consumer';
import { advanceStep } from '../advance-step';
import { clock, config, deliveries, dynamoDb, logger, metrics, publisher, steps } from '../wiring';

/**
 * The delivery's clock: a step message shows up on the steps queue once its leg's travel time has passed, and
 * the order moves on by one step.
 */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(deliveryStepDue, async ({ orderId, step }, { logger: log }) => {
      const order = await deliveries.order(orderId);
      if (!order) throw new PoisonMessageError(`no delivery for order ${orderId}`);
      await advanceStep({ deliveries, publisher, steps, logger: log, now: clock.now }, order, step);
    }),
  ],
});
