import * as z from 'zod';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoNotificationStore } from './adapters/dynamodb-notification-store';
import type { NotificationStore } from './ports';

/**
 * The notifications service's adapters. Configuration is checked at cold start; clients are built on first
 * use. Notifications publishes nothing, so it has no outbox writes and no bus.
 */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): NotificationStore => new DynamoNotificationStore(dynamoDb().doc, config.TABLE_NAME),
);
