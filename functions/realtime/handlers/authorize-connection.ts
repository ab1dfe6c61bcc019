import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import * as z from 'zod';
import { loadConfig } from '../../../shared/config';
import { createLogger } from '../../../shared/observability/logger';
import { accessTokenVerifier } from '../adapters/access-token-verifier';

// The authorizer needs no table and no management API: it does not import ../wiring (a smaller bundle).
const config = loadConfig({
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  AWS_ENDPOINT_URL: z.string().optional(),
});
const logger = createLogger();
const verify = accessTokenVerifier({
  userPoolId: config.USER_POOL_ID,
  clientId: config.USER_POOL_CLIENT_ID,
  jwksUrl: config.AWS_ENDPOINT_URL
    ? `${config.AWS_ENDPOINT_URL.replace(/\/$/, '')}/${config.USER_POOL_ID}/.well-known/jwks.json`
    : undefined,
});

const policy = (effect: 'Allow' | 'Deny', resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
});

/**
 * The WebSocket API's REQUEST authorizer on $connect: `?token=<access token>`. A forged, expired, foreign or ID
 * token gets Deny (the handshake answers 403); a missing one never reaches here (401). The connection's routes
 * then read the user and the token's expiry from the authorizer's context.
 */
export const handler = async (
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> => {
  const token = event.queryStringParameters?.token ?? '';
  const caller = token ? await verify(token) : undefined;
  if (!caller) {
    logger.info('websocket connect refused', { sourceIp: event.requestContext?.identity?.sourceIp });
    return { principalId: 'anonymous', policyDocument: policy('Deny', event.methodArn) };
  }
  return {
    principalId: caller.userId,
    policyDocument: policy('Allow', event.methodArn),
    // Every route of the connection gets this context: the token's expiry ends the connection (domain/token-expiry.ts).
    context: {
      userId: caller.userId,
      username: caller.username,
      groups: caller.groups.join(' '),
      tokenExpiresAt: String(caller.expiresAt),
    },
  };
};
