import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoOrdersRepository } from './adapters/dynamodb-orders-repository';
import { createPaymentsClient } from './adapters/payments-client';
import type { OrdersRepository, PaymentsClient } from './ports';

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
export const orders = /* @__PURE__ */ lazy(
  (): OrdersRepository => new DynamoOrdersRepository(dynamoDb().doc, config.TABLE_NAME),
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
