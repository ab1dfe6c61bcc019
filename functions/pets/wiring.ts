import { z } from 'zod';
import { loadConfig } from '../../shared/config';
import { createEventPublisher } from '../../shared/messaging/event-publisher';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { PetRepository } from './adapters/pet-repository';

/** Built once per cold start and shared by every handler of the pets service. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1), EVENT_BUS_NAME: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = createDynamoDb();
export const pets = new PetRepository(dynamoDb.doc, config.TABLE_NAME);
export const publisher = createEventPublisher(config.EVENT_BUS_NAME);
export const clock = { now: () => new Date() };
