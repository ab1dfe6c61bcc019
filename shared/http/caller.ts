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

/** Who calls comes from the claims the JWT authorizer verified, never from the body or a header. */
export function callerFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
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
