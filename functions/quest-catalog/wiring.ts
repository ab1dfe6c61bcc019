import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoCatalogStore } from './adapters/dynamodb-catalog-store';
import type { CatalogStore } from './ports';

/** The quest catalog's adapters: configuration checked at cold start, clients built on first use. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): CatalogStore => new DynamoCatalogStore(dynamoDb().doc, config.TABLE_NAME),
);
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
