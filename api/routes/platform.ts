import * as z from 'zod';
import { SIGN_IN_MAX_BODY_BYTES, signInBody } from '../../functions/auth/handlers/input';
import type { Tokens } from '../../functions/auth/ports';
import type { Caller } from '../../shared/http/caller';
import { defineRoute, sameType } from '../contract';

const caller = z
  .object({
    userId: z.string().describe("The token's `sub`."),
    username: z.string(),
    groups: z.array(z.string()).describe("The token's `cognito:groups`."),
  })
  .meta({ id: 'Caller' });
sameType<z.output<typeof caller>, Caller>(true);

export const whoAmI = defineRoute({
  method: 'GET',
  path: '/whoami',
  operationId: 'whoAmI',
  summary: 'The caller, as the verified token says',
  description: 'Does nothing else: the benchmarks divide by it.',
  tag: 'platform',
  auth: 'jwt',
  responses: { 200: { description: 'The caller.', body: caller } },
});

const tokens = z
  .object({
    accessToken: z.string().describe('What every other route takes as `Authorization: Bearer …`.'),
    idToken: z.string().describe('Refused by every route (401): send the access token.'),
    expiresIn: z.number().int().describe('Seconds.'),
    tokenType: z.string(),
  })
  .meta({ id: 'Tokens' });
sameType<z.output<typeof tokens>, Tokens>(true);

export const signIn = defineRoute({
  method: 'POST',
  path: '/auth/sign-in',
  operationId: 'signIn',
  summary: 'Sign in with username and password',
  description:
    'The one data route without a token, JSON only (415 for any other content type: no cross-site form post). Records the sign-in (`user.signed_in`, which progresses quests) and answers the pool’s access and ID tokens; no refresh token (the session ends when the access token does). A wrong password and an unknown user get the same 401. Failed attempts for a username from one address, and from one address for any username, make it wait longer and longer (429 with Retry-After), never locking the user out from another address; 429 `SIGN_IN_BUSY` when the pool itself is rate-limiting.',
  tag: 'quests',
  auth: 'public',
  request: { body: signInBody, maxBodyBytes: SIGN_IN_MAX_BODY_BYTES, jsonOnly: true },
  responses: {
    200: {
      description: 'Signed in.',
      body: tokens,
      headers: { 'cache-control': { description: '`no-store`.', schema: z.string(), required: true } },
    },
  },
  errors: ['UNAUTHORIZED', 'TOO_MANY_ATTEMPTS', 'SIGN_IN_BUSY'],
});
