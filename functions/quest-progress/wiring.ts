import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { CachedCatalog } from './adapters/cached-catalog';
import { DynamoCatalogProjection } from './adapters/dynamodb-catalog-projection';
import { DynamoProgressStore } from './adapters/dynamodb-progress-store';
import type { CatalogProjection, ProgressStore, QuestCatalog } from './ports';

/** The quest progress service's adapters: configuration checked at cold start, clients built on first use. */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  /** The catalog cache's TTL in ms; 'off' reads the catalog every time. */
  CATALOG_CACHE_TTL_MS: z
    .string()
    .regex(/^(\d+|off)$/)
    .default('5000'),
  SNAPSHOT_EVERY: z.coerce.number().int().min(0).default(50),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): ProgressStore => new DynamoProgressStore(dynamoDb().doc, config.TABLE_NAME),
);
export const projection = /* @__PURE__ */ lazy(
  (): CatalogProjection => new DynamoCatalogProjection(dynamoDb().doc, config.TABLE_NAME),
);
export const catalog = /* @__PURE__ */ lazy(
  (): QuestCatalog & { stats: CachedCatalog['stats'] } =>
    new CachedCatalog(
      projection(),
      config.CATALOG_CACHE_TTL_MS === 'off' ? undefined : Number(config.CATALOG_CACHE_TTL_MS),
    ),
);
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
