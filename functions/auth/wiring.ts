import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { functionClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { lazy } from '../../shared/lazy';
import { createLogger, createMetrics } from '../../shared/observability/logger';
import { createDynamoDb } from '../../shared/storage/dynamodb';
import { CognitoIdentityProvider } from './adapters/cognito-identity-provider';
import { DynamoAuthStore } from './adapters/dynamodb-auth-store';
import type { ThrottlePolicy } from './domain/throttle';
import type { AuthStore, IdentityProvider } from './ports';

/** The sign-in service's adapters: configuration checked at cold start, clients built on first use. */
export const config = loadConfig({
  TABLE_NAME: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): AuthStore => new DynamoAuthStore(dynamoDb().doc, config.TABLE_NAME),
);
export const identity = /* @__PURE__ */ lazy(
  (): IdentityProvider =>
    new CognitoIdentityProvider(new CognitoIdentityProviderClient({}), config.USER_POOL_CLIENT_ID),
);
export const throttle: ThrottlePolicy = {
  maxAttempts: config.SIGN_IN_MAX_ATTEMPTS,
  windowSeconds: config.SIGN_IN_WINDOW_SECONDS,
};
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
export const newId = () => randomUUID();
