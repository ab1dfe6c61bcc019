import { orderDeliveryUpdated } from '../../events/pizza';
import { type DispatchDeps, dispatch } from './dispatch';
import {
  type DeliveryOrder,
  type DeliveryStep,
  deliveryEvent,
  statusBefore,
  stepDecision,
  stepDelaySeconds,
  stepDue,
} from './domain/delivery';

/**
 * One step of a delivery, when its leg's travel time has passed: the order moves on (IN_TRANSIT, then
 * DELIVERED), the step is announced, the next leg is scheduled; at the door the driver is freed and takes the
 * order that waits longest.
 */
export async function advanceStep(
  deps: DispatchDeps,
  before: DeliveryOrder,
  step: Exclude<DeliveryStep, 'ASSIGNED'>,
): Promise<void> {
  const { deliveries } = deps;
  const { orderId } = before;
  const decision = stepDecision(before.status, step);
  if (decision === 'out-of-order') {
    // The step before is not recorded yet: fail, so the message comes back later.
    throw new Error(`order ${orderId} is ${before.status}; ${step} cannot come yet`);
  }
  if (decision === 'advance') {
    await deliveries.advance(orderId, statusBefore(step), step, deps.now());
  }
  const order = (await deliveries.order(orderId))!;
  // At the door the driver is freed first: if announcing fails until the step is dead-lettered, the driver is
  // back in the pool anyway. A retried step frees nobody twice and announces under the same event id.
  if (step === 'DELIVERED') await deliveries.freeDriver(order, deps.now());
  await deps.publisher.publish(orderDeliveryUpdated, deliveryEvent(order, step));
  deps.logger.info('delivery step', { orderId, step, driverId: order.driverId });
  if (step === 'IN_TRANSIT') {
    const { travelMs } = await deliveries.settings();
    await deps.steps.schedule(stepDue(order, 'DELIVERED'), stepDelaySeconds(travelMs));
  }
  await dispatch(deps);
}
