import { randomUUID } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoKitchenStore } from './adapters/dynamodb-kitchen-store';
import { workerName } from './domain/kitchen';
import type { KitchenStore, Oven } from './ports';

/**
 * The kitchen's adapters. Configuration is checked at cold start; clients are built on first use. Both kitchens
 * run this code; KITCHEN_NAME tells them apart. The kitchen publishes nothing itself: order.ready leaves
 * through the outbox.
 */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  KITCHEN_NAME: z.string().min(1).max(60),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): KitchenStore => new DynamoKitchenStore(dynamoDb().doc, config.TABLE_NAME),
);
export const oven: Oven = { bake: (ms) => wait(ms).then(() => undefined) };
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
/** This worker process: a kitchen runs several at once when messages arrive together. */
export const worker = {
  kitchenName: config.KITCHEN_NAME,
  kitchenWorker: workerName(config.KITCHEN_NAME, randomUUID().slice(0, 4)),
};
