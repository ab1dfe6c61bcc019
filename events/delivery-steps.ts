import * as z from 'zod';
import { defineEvent } from './define-event';
import { DELIVERY_SOURCE } from './pizza';

/**
 * A queue message between delivery's own functions, never put on the bus (so it is not in `allEvents`): "this
 * order's next step is due". It travels on delivery's private steps queue in the bus's envelope so that the
 * shared consumer reads it like an event (contract check, idempotency on the id, correlation id in the logs).
 * The queue holds it back for the leg's travel time (DelaySeconds), so no function sleeps while a driver drives.
 */
export const deliveryStepDue = defineEvent({
  source: `${DELIVERY_SOURCE}.steps`,
  detailType: 'delivery.step-due',
  version: 1,
  description:
    "Delivery's own queue message, not a bus event: the next step of an order is due (sent delayed by the leg's travel time).",
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
