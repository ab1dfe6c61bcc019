import { orderDeliveryUpdated } from '../../../events/pizza';
import { eventConsumer, onEvent, PoisonMessageError } from '../../../shared/messaging/event-consumer';
import { dispatch } from '../dispatch';
import { deliveryEvent, statusBefore, stepDecision, stepDelaySeconds } from '../domain/delivery';
import { deliveryStepDue, stepDue } from '../domain/delivery-step';
import { clock, config, deliveries, dynamoDb, logger, metrics, publisher, steps } from '../wiring';

/**
 * The delivery's clock: a step message shows up on the steps queue once its leg's travel time has passed. The
 * order moves on (IN_TRANSIT, then DELIVERED), the step is announced, the next leg is scheduled; at the door the
 * driver is freed and takes the order that waits longest.
 */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(deliveryStepDue, async ({ orderId, step }, { logger: log }) => {
      const before = await deliveries.order(orderId);
      if (!before) throw new PoisonMessageError(`no delivery for order ${orderId}`);
      const decision = stepDecision(before.status, step);
      if (decision === 'out-of-order') {
        // The step before is not recorded yet: fail, so the message comes back later.
        throw new Error(`order ${orderId} is ${before.status}; ${step} cannot come yet`);
      }
      if (decision === 'advance') {
        await deliveries.advance(orderId, statusBefore(step), step, clock.now());
      }
      const order = (await deliveries.order(orderId))!;
      await publisher.publish(orderDeliveryUpdated, deliveryEvent(order, step));
      log.info('delivery step', { orderId, step, driverId: order.driverId });
      if (step === 'IN_TRANSIT') {
        const { travelMs } = await deliveries.settings();
        await steps.schedule(stepDue(order, 'DELIVERED'), stepDelaySeconds(travelMs));
      } else {
        await deliveries.freeDriver(order, clock.now());
      }
      await dispatch({ deliveries, publisher, steps, logger: log, now: clock.now });
    }),
  ],
});
