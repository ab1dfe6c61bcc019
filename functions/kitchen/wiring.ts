import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../../shared/config';
import { createEventPublisher } from '../../shared/messaging/event-publisher';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { KitchenRepository } from './adapters/kitchen-repository';
import { workerName } from './domain/kitchen';

/** Built once per cold start. Both kitchens run this code; KITCHEN_NAME tells them apart. */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  KITCHEN_NAME: z.string().min(1).max(60),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = createDynamoDb();
export const kitchen = new KitchenRepository(dynamoDb.doc, config.TABLE_NAME);
export const publisher = createEventPublisher(config.EVENT_BUS_NAME);
export const clock = { now: () => new Date() };
/** This worker process: a kitchen runs several at once when messages arrive together. */
export const worker = {
  kitchenName: config.KITCHEN_NAME,
  kitchenWorker: workerName(config.KITCHEN_NAME, randomUUID().slice(0, 4)),
};
