import { z } from 'zod';
import { loadConfig } from '../../shared/config';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { NotificationRepository } from './adapters/notification-repository';

/** Built once per cold start and shared by the notification handlers. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = createDynamoDb();
export const notifications = new NotificationRepository(dynamoDb.doc, config.TABLE_NAME);
