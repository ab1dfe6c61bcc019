import { z } from 'zod';
import { loadConfig } from '../../shared/config';
import { createLogger } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { PaymentsRepository } from './adapters/payments-repository';

/** Built once per cold start. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const dynamoDb = createDynamoDb();
export const payments = new PaymentsRepository(dynamoDb.doc, config.TABLE_NAME);
export const clock = { now: () => new Date() };
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
