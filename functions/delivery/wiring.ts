import { z } from 'zod';
import { loadConfig } from '../../shared/config';
import { createEventPublisher } from '../../shared/messaging/event-publisher';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DeliveryRepository } from './adapters/delivery-repository';
import { createStepScheduler } from './adapters/step-scheduler';

/** Built once per cold start and shared by the delivery service's handlers. */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  STEPS_QUEUE_URL: z.string().min(1),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = createDynamoDb();
export const deliveries = new DeliveryRepository(dynamoDb.doc, config.TABLE_NAME);
export const publisher = createEventPublisher(config.EVENT_BUS_NAME);
export const steps = createStepScheduler(config.STEPS_QUEUE_URL);
export const clock = { now: () => new Date() };
