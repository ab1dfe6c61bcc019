import { deliveryStepDue } from '../../../events/delivery-steps';
import { eventConsumer, onEvent, PoisonMessageError } from '../../../shared/messaging/event-consumer';
import { advanceDelivery } from '../use-cases/advance-delivery';
import { clock, config, dynamoDb, logger, metrics, steps, store } from '../wiring';

/**
 * The delivery's clock: a step message shows up on the steps queue once its leg's travel time has passed, and
 * the order moves on by one step.
 */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(deliveryStepDue, async ({ orderId, step }, { logger: log }) => {
      const result = await advanceDelivery(
        { store: store(), steps: steps(), log, now: clock.now },
        { orderId, step },
      );
      if (result.outcome === 'unknown-order')
        throw new PoisonMessageError(`no delivery for order ${orderId}`);
    }),
  ],
});
