import * as z from 'zod';
import { defineEvent } from './define-event';

export const ORDERS_SOURCE = 'pizza.orders';
export const KITCHEN_SOURCE = 'pizza.kitchen';
export const DELIVERY_SOURCE = 'pizza.delivery';

const orderId = z.string().min(1).max(64);
const userId = z.string().min(1).max(128);

export const orderPlaced = defineEvent({
  source: ORDERS_SOURCE,
  detailType: 'order.placed',
  version: 1,
  description: 'An order was paid for; the kitchen cooks it. Published only after the payment succeeded.',
  payload: {
    orderId,
    userId,
    pizza: z.string().min(1).max(64),
    quantity: z.number().int().min(1).max(20),
    address: z.string().min(1).max(300),
    amountCents: z.number().int().min(0),
    placedAt: z.iso.datetime(),
  },
  example: {
    eventId: 'placed#ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P',
    correlationId: 'c0ffee00-0000-4000-8000-000000000010',
    orderId: 'ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    pizza: 'margherita',
    quantity: 2,
    address: 'Hauptstrasse 1, 10115 Berlin',
    amountCents: 3198,
    placedAt: '2026-11-22T18:30:00.000Z',
  },
});

export const orderReady = defineEvent({
  source: KITCHEN_SOURCE,
  detailType: 'order.ready',
  version: 1,
  description: 'A kitchen worker finished cooking an order; delivery assigns a driver.',
  payload: {
    orderId,
    userId,
    kitchenWorker: z.string().min(1).max(128),
    readyAt: z.iso.datetime(),
  },
  example: {
    eventId: 'ready#ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P',
    correlationId: 'c0ffee00-0000-4000-8000-000000000010',
    orderId: 'ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    kitchenWorker: 'kitchen-1/3f2a',
    readyAt: '2026-11-22T18:36:10.000Z',
  },
});

export const DELIVERY_STATUSES = ['ASSIGNED', 'IN_TRANSIT', 'DELIVERED'] as const;

export const orderDeliveryUpdated = defineEvent({
  source: DELIVERY_SOURCE,
  detailType: 'order.delivery-updated',
  version: 1,
  description: 'An order moved a step in delivery: ASSIGNED to a driver, IN_TRANSIT, DELIVERED.',
  payload: {
    orderId,
    userId,
    status: z.enum(DELIVERY_STATUSES),
    driverId: z.string().min(1).max(64),
    driverName: z.string().min(1).max(100),
    at: z.iso.datetime(),
  },
  example: {
    eventId: 'delivery#ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P#ASSIGNED',
    correlationId: 'c0ffee00-0000-4000-8000-000000000010',
    orderId: 'ord_01JDZ8Q2W3E4R5T6Y7U8I9O0P',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    status: 'ASSIGNED',
    driverId: 'driver-1',
    driverName: 'Max Mustermann',
    at: '2026-11-22T18:36:11.000Z',
  },
});

/** Every status change a customer hears about: fanned out through SNS to the notification store and the timeline. */
export const orderStatusEvents = [orderPlaced, orderReady, orderDeliveryUpdated] as const;

export type OrderPlaced = z.infer<typeof orderPlaced.schema>;
export type OrderReady = z.infer<typeof orderReady.schema>;
export type OrderDeliveryUpdated = z.infer<typeof orderDeliveryUpdated.schema>;
