import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { deadLetters } from '../../shared/messaging/dead-letter';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoAnalyticsStore } from './adapters/dynamodb-analytics-store';
import { SqsTrackBuffer } from './adapters/sqs-track-buffer';
import type { AnalyticsStore, TrackBuffer } from './ports';

/** The analytics service's adapters: the track queue (TRACK_QUEUE_URL) and its table. */
export const config = loadConfig({ TABLE_NAME: z.string().min(1), TRACK_QUEUE_URL: z.string().min(1) });
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): AnalyticsStore => new DynamoAnalyticsStore(dynamoDb().doc, config.TABLE_NAME),
);
export const buffer = /* @__PURE__ */ lazy(
  (): TrackBuffer => new SqsTrackBuffer(new SQSClient({}), config.TRACK_QUEUE_URL),
);
export const clock = { now: () => new Date() };
/** The aggregator's poison path: a track no retry can mend goes to the track DLQ at once. */
export const poison = /* @__PURE__ */ lazy(() => deadLetters(new SQSClient({}), logger, metrics));
