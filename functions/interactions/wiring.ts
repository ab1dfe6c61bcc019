import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoInteractionsStore } from './adapters/dynamodb-interactions-store';
import { DynamoMissedDayRuns } from './adapters/dynamodb-missed-day-runs';
import { createMissedDayWork } from './adapters/sqs-missed-day-work';
import type { InteractionsStore, MissedDayRuns, MissedDayWork } from './ports';

/**
 * The interactions service's adapters. Configuration is checked at cold start; clients are built on first use,
 * and a handler that never asks for one leaves it out of its bundle.
 */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  /** The missed-day run's work queue (plan and page messages). */
  MISSED_DAY_QUEUE_URL: z.string().min(1),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): InteractionsStore => new DynamoInteractionsStore(dynamoDb().doc, config.TABLE_NAME),
);
export const runs = /* @__PURE__ */ lazy(
  (): MissedDayRuns => new DynamoMissedDayRuns(dynamoDb().doc, config.TABLE_NAME),
);
export const work = /* @__PURE__ */ lazy(
  (): MissedDayWork => createMissedDayWork(config.MISSED_DAY_QUEUE_URL),
);
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
