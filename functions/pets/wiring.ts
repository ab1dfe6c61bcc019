import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoPetRepository } from './adapters/dynamodb-pet-repository';
import type { PetRepository } from './ports';

/**
 * The pets service's adapters. Configuration is checked at cold start; clients are built on first use. The
 * service publishes nothing itself: pet.adopted leaves through its table's outbox.
 */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const pets = /* @__PURE__ */ lazy(
  (): PetRepository => new DynamoPetRepository(dynamoDb().doc, config.TABLE_NAME),
);
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
