import type { EventInput } from '../../../events/define-event';
import type { orderDeliveryUpdated } from '../../../events/pizza';
import type { DeliveryOrder, DeliveryStep } from './types';

/** The event of a step. Its id names the order and the step, so announcing a step twice is harmless. */
export function deliveryEvent(
  order: DeliveryOrder,
  step: DeliveryStep,
): EventInput<typeof orderDeliveryUpdated> {
  if (!order.driverId || !order.driverName) throw new Error(`Order ${order.orderId} has no driver`);
  const at = order.steps[step];
  if (!at) throw new Error(`Order ${order.orderId} has not reached ${step}`);
  return {
    eventId: `delivery#${order.orderId}#${step}`,
    correlationId: order.correlationId,
    orderId: order.orderId,
    userId: order.userId,
    status: step,
    driverId: order.driverId,
    driverName: order.driverName,
    at,
  };
}

/** A ready order as delivery first knows it: waiting for a driver from now on. */
export function waitingOrder(
  ready: { orderId: string; userId: string; readyAt: string },
  correlationId: string,
  now: Date,
): DeliveryOrder {
  return {
    orderId: ready.orderId,
    userId: ready.userId,
    correlationId,
    status: 'WAITING',
    readyAt: ready.readyAt,
    waitingSince: now.toISOString(),
    steps: {},
  };
}
