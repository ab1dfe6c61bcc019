import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoPaymentsRepository } from './adapters/dynamodb-payments-repository';
import type { PaymentsRepository } from './ports';

/** The payments service's adapters: configuration checked at cold start, the client built on first use. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const payments = /* @__PURE__ */ lazy(
  (): PaymentsRepository => new DynamoPaymentsRepository(dynamoDb().doc, config.TABLE_NAME),
);
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const newChargeId = () => `ch_${randomUUID()}`;
