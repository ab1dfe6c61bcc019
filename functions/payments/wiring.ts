import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoPaymentsRepository } from './adapters/dynamodb-payments-repository';
import type { PaymentsRepository } from './ports';

/** The payments service's adapters: configuration checked at cold start, the client built on first use. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const payments = /* @__PURE__ */ lazy(
  (): PaymentsRepository => new DynamoPaymentsRepository(createDynamoDb().doc, config.TABLE_NAME),
);
export const clock = { now: () => new Date() };
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const newChargeId = () => `ch_${randomUUID()}`;
