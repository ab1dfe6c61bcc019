import { z } from 'zod';
import { defineEvent } from '../../../events/define-event';
import { DELIVERY_SOURCE } from '../../../events/pizza';

/**
 * The delivery service's own message on its private steps queue, never on the bus: "this order's next step is
 * due". It travels in the bus's envelope so that the shared consumer reads it (contract check, idempotency on
 * the id, correlation id in the logs). The queue holds it back for the leg's travel time (DelaySeconds), so no
 * function sleeps while a driver drives.
 */
export const deliveryStepDue = defineEvent({
  source: `${DELIVERY_SOURCE}.steps`,
  detailType: 'delivery.step-due',
  version: 1,
  description: 'Internal to delivery: the next step of an order is due.',
  payload: {
    orderId: z.string().min(1).max(64),
    step: z.enum(['IN_TRANSIT', 'DELIVERED']),
  },
  example: {
    eventId: 'step#ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P#IN_TRANSIT',
    correlationId: 'c0ffee00-0000-4000-8000-000000000010',
    orderId: 'ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P',
    step: 'IN_TRANSIT',
  },
});

export function stepDue(order: { orderId: string; correlationId: string }, step: 'IN_TRANSIT' | 'DELIVERED') {
  return {
    eventId: `step#${order.orderId}#${step}`,
    correlationId: order.correlationId,
    orderId: order.orderId,
    step,
  };
}
