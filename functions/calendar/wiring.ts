import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoCalendarStore } from './adapters/dynamodb-calendar-store';
import type { CalendarStore, IdSource } from './ports';

/** The calendar service's adapters: configuration checked at cold start, clients built on first use. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): CalendarStore => new DynamoCalendarStore(dynamoDb().doc, config.TABLE_NAME),
);
export const ids: IdSource = {
  calendarEventId: () => `cev_${randomUUID().replaceAll('-', '')}`,
  registrationId: () => `reg_${randomUUID().replaceAll('-', '')}`,
};
export const clock = { now: () => new Date() };
