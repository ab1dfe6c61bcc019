import * as z from 'zod';

/** POST /auth/sign-in {username, password}; at most 4 KiB, and never logged. */
export const signInBody = z
  .object({ username: z.string().min(1).max(128), password: z.string().min(1).max(256) })
  .strict();

export const SIGN_IN_MAX_BODY_BYTES = 4096;

/**
 * The header the e2e tests name their source address in. MiniStack reports every caller as 127.0.0.1, so only
 * the local stage trusts it (infra/constructs/sign-in-service.ts sets SOURCE_ADDRESS_HEADER there); on AWS the
 * address is API Gateway's sourceIp.
 */
export const TEST_SOURCE_ADDRESS_HEADER = 'x-test-source-address';
