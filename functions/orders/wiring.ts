import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoOrderLists } from './adapters/order-lists';
import { DynamoOrderPayments } from './adapters/order-payments';
import { DynamoOrderReader } from './adapters/order-reader';
import { DynamoOrderStatuses } from './adapters/order-statuses';
import { createPaymentsClient } from './adapters/payments-client';
import { DynamoUnsettledOrders } from './adapters/unsettled-orders';
import type {
  OrderLists,
  OrderPayments,
  OrderReader,
  OrderStatuses,
  PaymentsClient,
  UnsettledOrders,
} from './ports';

/**
 * The orders service's adapters. Configuration is checked at cold start; clients are built on first use, so
 * GET /menu carries no SDK client and only POST /orders carries the Lambda client. Nothing here publishes: a paid
 * order's order.placed leaves through the outbox.
 */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  PAYMENTS_FUNCTION_NAME: z.string().min(1),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(2_000),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
/** Each handler builds only the adapter of the port its use case needs. */
export const orderReader = /* @__PURE__ */ lazy(
  (): OrderReader => new DynamoOrderReader(dynamoDb().doc, config.TABLE_NAME),
);
export const orderPayments = /* @__PURE__ */ lazy(
  (): OrderPayments => new DynamoOrderPayments(dynamoDb().doc, config.TABLE_NAME),
);
export const unsettledOrders = /* @__PURE__ */ lazy(
  (): UnsettledOrders => new DynamoUnsettledOrders(dynamoDb().doc, config.TABLE_NAME),
);
export const orderStatuses = /* @__PURE__ */ lazy(
  (): OrderStatuses => new DynamoOrderStatuses(dynamoDb().doc, config.TABLE_NAME),
);
export const orderLists = /* @__PURE__ */ lazy(
  (): OrderLists => new DynamoOrderLists(dynamoDb().doc, config.TABLE_NAME),
);
export const paymentsClient = /* @__PURE__ */ lazy(
  (): PaymentsClient =>
    createPaymentsClient(config.PAYMENTS_FUNCTION_NAME, {
      timeoutMs: config.PAYMENT_TIMEOUT_MS,
      now: clock.now,
    }),
);
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
export const newOrderId = () => `ord_${randomUUID()}`;
