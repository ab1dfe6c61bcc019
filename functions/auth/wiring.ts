import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
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
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  /** Failures of one username from one address before the delays start, and the first delay (it doubles). */
  SIGN_IN_FREE_FAILURES: z.coerce.number().int().min(0).default(5),
  SIGN_IN_BASE_DELAY_SECONDS: z.coerce.number().int().min(1).default(2),
  SIGN_IN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Failures from one address, whatever the usernames, before its delays start (many users behind one NAT). */
  SIGN_IN_ADDRESS_FREE_FAILURES: z.coerce.number().int().min(0).default(50),
  /**
   * Set on the local stage only: MiniStack reports every caller's address as 127.0.0.1, so the tests name theirs
   * in this header. On AWS it is unset and the gateway's sourceIp, which a client cannot choose, is the address.
   */
  SOURCE_ADDRESS_HEADER: z.string().min(1).optional(),
});
export const logger = createLogger();
export const metrics = createMetrics();
export const dynamoDb = /* @__PURE__ */ lazy(() => createDynamoDb());
export const store = /* @__PURE__ */ lazy(
  (): AuthStore => new DynamoAuthStore(dynamoDb().doc, config.TABLE_NAME),
);
export const identity = /* @__PURE__ */ lazy(
  (): IdentityProvider =>
    new CognitoIdentityProvider(
      new CognitoIdentityProviderClient({}),
      config.USER_POOL_ID,
      config.USER_POOL_CLIENT_ID,
    ),
);
const forgetAfterSeconds = 4 * config.SIGN_IN_MAX_DELAY_SECONDS;
export const throttle: ThrottlePolicy = {
  perUsernameAndAddress: {
    freeFailures: config.SIGN_IN_FREE_FAILURES,
    baseDelaySeconds: config.SIGN_IN_BASE_DELAY_SECONDS,
    maxDelaySeconds: config.SIGN_IN_MAX_DELAY_SECONDS,
    forgetAfterSeconds,
  },
  perAddress: {
    freeFailures: config.SIGN_IN_ADDRESS_FREE_FAILURES,
    baseDelaySeconds: 1,
    maxDelaySeconds: config.SIGN_IN_MAX_DELAY_SECONDS,
    forgetAfterSeconds,
  },
};
/** The system clock on AWS; the test clock on a local stack deployed with one (npm run clock). */
export const clock = functionClock(() => dynamoDb().client);
export const newId = () => randomUUID();
