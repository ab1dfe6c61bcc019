import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import * as z from 'zod';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { DynamoRealtimeStore } from './adapters/dynamodb-realtime-store';
import { ManagementApiPusher } from './adapters/management-api-pusher';
import { managementEndpoint } from './domain/topics';
import type { Pusher, RealtimeStore } from './ports';
import { DEFAULT_CONCURRENCY } from './use-cases/broadcast';

/**
 * The realtime service's adapters. The management API's endpoint comes from configuration (the stage's callback
 * URL, or the emulator's path-style address when the emulator set AWS_ENDPOINT_URL); clients are built on first use.
 */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  WS_CALLBACK_URL: z.string().min(1),
  WS_API_ID: z.string().min(1),
  WS_STAGE: z.string().min(1),
  POST_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1500),
  /** Posts in flight at once per broadcast (use-cases/broadcast.ts); the SDK's HTTP agent keeps 50 sockets. */
  POST_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(DEFAULT_CONCURRENCY),
  AWS_ENDPOINT_URL: z.string().optional(),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): RealtimeStore => new DynamoRealtimeStore(dynamoDb().doc, config.TABLE_NAME),
);
export const pusher = /* @__PURE__ */ lazy(
  (): Pusher =>
    new ManagementApiPusher(
      new ApiGatewayManagementApiClient({
        endpoint: managementEndpoint({
          callbackUrl: config.WS_CALLBACK_URL,
          apiId: config.WS_API_ID,
          stage: config.WS_STAGE,
          emulatorEndpoint: config.AWS_ENDPOINT_URL,
        }),
        maxAttempts: 1,
      }),
      logger,
    ),
);
export const clock = { now: () => new Date() };
