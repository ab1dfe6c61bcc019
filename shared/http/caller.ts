import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from './errors';

export interface Caller {
  /** The token's `sub`: the stable id of the user in the identity provider. */
  userId: string;
  username: string;
  groups: string[];
}

/**
 * API Gateway passes groups as they were in the token; AWS turns a JSON array claim into the string
 * "[players admins]", so both shapes are read.
 */
function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string' || claim.trim() === '') return [];
  const trimmed = claim.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const inner = trimmed.slice(1, -1);
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: the AWS "[a b]" form
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}

/**
 * Who calls comes from the claims the JWT authorizer verified, never from the body or a header. Only access
 * tokens: the HTTP API's JWT authorizer also lets the pool's ID tokens through (their `aud` is the client id),
 * so a token whose `token_use` is not `access` is refused here.
 */
export function callerFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (claims?.token_use !== 'access') {
    throw new UnauthorizedError('An access token is required; ID tokens are not accepted.');
  }
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError();
  const username = claims?.username ?? claims?.['cognito:username'] ?? sub;
  return { userId: sub, username: String(username), groups: parseGroups(claims?.['cognito:groups']) };
}

export function requireGroup(caller: Caller, group: string): void {
  if (!caller.groups.includes(group)) {
    throw new ForbiddenError(`This needs the '${group}' group.`);
  }
}
