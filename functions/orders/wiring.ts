import { z } from 'zod';
import { loadConfig } from '../../shared/config';
import { createEventPublisher } from '../../shared/messaging/event-publisher';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { OrdersRepository } from './adapters/orders-repository';
import { createPaymentsClient } from './adapters/payments-client';

/** Built once per cold start and shared by every handler of the orders service. */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  PAYMENTS_FUNCTION_NAME: z.string().min(1),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(2_000),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = createDynamoDb();
export const orders = new OrdersRepository(dynamoDb.doc, config.TABLE_NAME);
export const paymentsClient = createPaymentsClient(config.PAYMENTS_FUNCTION_NAME, config.PAYMENT_TIMEOUT_MS);
export const publisher = createEventPublisher(config.EVENT_BUS_NAME);
export const clock = { now: () => new Date() };
