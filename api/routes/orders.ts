import * as z from 'zod';
import { CURRENCY, MAX_QUANTITY, type MenuItem, MIN_QUANTITY } from '../../functions/orders/domain/menu';
import { ORDER_STATUSES, type TimelineEntry } from '../../functions/orders/domain/order';
import type { OrderListView, OrderView } from '../../functions/orders/domain/order-view';
import { listOrdersQuery, placeOrderBody, placeOrderHeaders } from '../../functions/orders/handlers/input';
import { ERRORS } from '../../shared/errors';
import { defineRoute, sameType } from '../contract';
import { isoTime, userId } from '../schemas';

const menuItem = z
  .object({ id: z.string(), name: z.string(), priceCents: z.number().int() })
  .meta({ id: 'MenuItem' });
sameType<z.output<typeof menuItem>, MenuItem>(true);

const timelineEntry = z
  .object({
    status: z.enum([...ORDER_STATUSES, 'PAID']),
    at: isoTime,
    eventId: z.string(),
    note: z.string(),
    kitchenWorker: z.string().optional(),
    driverId: z.string().optional(),
    driverName: z.string().optional(),
  })
  .meta({ id: 'TimelineEntry' });
sameType<z.output<typeof timelineEntry>, TimelineEntry>(true);

const orderSummary = z
  .object({
    orderId: z.string(),
    userId,
    status: z.enum(ORDER_STATUSES),
    pizza: z.string(),
    quantity: z.number().int().min(MIN_QUANTITY).max(MAX_QUANTITY),
    address: z.string(),
    amountCents: z.number().int(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'OrderSummary' });
const order = orderSummary
  .extend({ timeline: z.array(timelineEntry).describe('Every status change, in time order.') })
  .meta({ id: 'Order' });
sameType<z.output<typeof order>, OrderView>(true);
const orderList = z.object({
  orders: z.array(orderSummary),
  nextCursor: z
    .string()
    .nullable()
    .describe('Send it back as ?cursor= (with the same `all`) for the next page; null on the last page.'),
});
sameType<z.output<typeof orderList>, OrderListView>(true);

/** A payment answer that is not an order: the shared error body, and the order it is about. */
const paymentProblem = <C extends 'PAYMENT_DECLINED' | 'PAYMENTS_BUSY' | 'PAYMENT_UNAVAILABLE'>(code: C) =>
  z.object({
    code: z.literal(code),
    message: z.string().describe(ERRORS[code].message),
    orderId: z.string().describe('The order, kept with its status: the same request with its key pays it.'),
  });
/** Accepted, not failed: nobody can tell yet whether the charge went through; GET /orders/{orderId} will. */
const paymentUnconfirmed = z.object({
  code: z.literal('PAYMENT_UNCONFIRMED'),
  message: z.string().describe(ERRORS.PAYMENT_UNCONFIRMED.message),
  orderId: z.string(),
  status: z.enum(ORDER_STATUSES).describe('PAYMENT_UNKNOWN while the payment is being confirmed.'),
});
const replayed = {
  'idempotent-replayed': {
    description: '`true` when this is the first answer to the same Idempotency-Key and body, replayed.',
    schema: z.literal('true'),
  },
};

export const getMenu = defineRoute({
  method: 'GET',
  path: '/menu',
  operationId: 'getMenu',
  summary: 'The pizzas and their prices in cents',
  tag: 'pizza',
  auth: 'jwt',
  responses: {
    200: {
      description: 'The menu.',
      body: z.object({
        currency: z.literal(CURRENCY),
        minQuantity: z.literal(MIN_QUANTITY),
        maxQuantity: z.literal(MAX_QUANTITY),
        pizzas: z.array(menuItem),
      }),
    },
  },
});

export const placeOrder = defineRoute({
  method: 'POST',
  path: '/orders',
  operationId: 'placeOrder',
  summary: 'Place and pay an order',
  description:
    'Pays synchronously (2 s at most). With an `Idempotency-Key` a retry is safe: the same key and body replay the first final answer (201 or 402) without paying again; after a 503 or a 429 it pays the same order. The same key with another body is 422.',
  tag: 'pizza',
  auth: 'jwt',
  request: {
    body: placeOrderBody,
    headers: placeOrderHeaders,
    example: { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1, 10115 Berlin' },
  },
  responses: {
    201: {
      description: 'Paid and placed; `order.placed` goes to the kitchen.',
      body: order,
      headers: {
        location: { description: 'The order.', schema: z.string(), required: true },
        ...replayed,
      },
    },
    202: {
      description:
        'The payment could not be confirmed yet (PAYMENT_UNKNOWN): it is being settled, placed if paid or failed with nothing charged. Do not order again.',
      body: paymentUnconfirmed,
      headers: { location: { description: 'The order.', schema: z.string(), required: true } },
    },
    402: {
      description: 'Declined; nothing was charged.',
      body: paymentProblem('PAYMENT_DECLINED'),
      headers: replayed,
    },
    429: {
      description: 'Payments are at their limit and never ran; nothing was charged.',
      body: paymentProblem('PAYMENTS_BUSY'),
      headers: { 'retry-after': { description: 'Seconds.', schema: z.string(), required: true } },
    },
    503: {
      description: 'Payments are down or too slow; the order is kept as PAYMENT_FAILED.',
      body: paymentProblem('PAYMENT_UNAVAILABLE'),
    },
  },
  rules: [
    { code: 'IDEMPOTENCY_KEY_REUSED', rule: 'its `Idempotency-Key` came earlier with another body' },
    { code: 'PAYMENT_DECLINED', rule: 'the payment system declines the charge' },
  ],
});

export const listOrders = defineRoute({
  method: 'GET',
  path: '/orders',
  operationId: 'listOrders',
  summary: 'The caller’s orders, newest first (`?all=true`: everyone’s, for staff and admins)',
  tag: 'pizza',
  auth: 'jwt',
  request: { query: listOrdersQuery },
  responses: { 200: { description: 'The orders, without their timelines.', body: orderList } },
  errors: ['FORBIDDEN'],
  rules: [{ code: 'VALIDATION_FAILED', field: 'cursor', rule: 'is not a `nextCursor` this API gave out' }],
});

export const getOrder = defineRoute({
  method: 'GET',
  path: '/orders/{orderId}',
  operationId: 'getOrder',
  summary: 'An order and its timeline, to its owner',
  description: 'Anyone else’s order, like an order that does not exist, is 404.',
  tag: 'pizza',
  auth: 'jwt',
  request: { path: z.object({ orderId: z.string() }) },
  responses: { 200: { description: 'The order.', body: order } },
  errors: ['ORDER_NOT_FOUND'],
});
