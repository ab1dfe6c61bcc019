import { z } from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoInteractionsStore } from './adapters/dynamodb-interactions-store';
import type { InteractionsStore } from './ports';

/**
 * The interactions service's adapters. Configuration is checked at cold start; clients are built on first use,
 * and a handler that never asks for one leaves it out of its bundle.
 */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): InteractionsStore => new DynamoInteractionsStore(dynamoDb().doc, config.TABLE_NAME),
);
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
