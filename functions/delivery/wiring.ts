import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoDeliveryStore } from './adapters/dynamodb-delivery-store';
import { createStepScheduler } from './adapters/sqs-step-scheduler';
import type { DeliveryStore, StepScheduler } from './ports';

/**
 * The delivery service's adapters. Configuration is checked at cold start; clients are built on first use.
 * Delivery publishes nothing itself: its events leave through the outbox.
 */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  STEPS_QUEUE_URL: z.string().min(1),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): DeliveryStore => new DynamoDeliveryStore(dynamoDb().doc, config.TABLE_NAME),
);
export const steps = /* @__PURE__ */ lazy((): StepScheduler => createStepScheduler(config.STEPS_QUEUE_URL));
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
