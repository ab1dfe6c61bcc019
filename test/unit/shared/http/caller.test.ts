import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { callerFrom, requireGroup } from '../../../../shared/http/caller';
import { ForbiddenError, UnauthorizedError } from '../../../../shared/http/errors';

/** An HTTP API event as the JWT authorizer hands it over; only the claims matter here. */
const eventWithRawClaims = (claims: Record<string, unknown> | undefined) =>
  ({
    requestContext: { authorizer: claims === undefined ? undefined : { jwt: { claims, scopes: [] } } },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
/** The claims of an access token (`token_use: access`) plus the given ones. */
const eventWithClaims = (claims: Record<string, unknown> | undefined) =>
  eventWithRawClaims(claims === undefined ? undefined : { token_use: 'access', ...claims });

describe('callerFrom', () => {
  test('takes the user id from the token’s sub and the name from username', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', username: 'ana' }));

    expect(caller).toEqual({ userId: 'user-1', username: 'ana', groups: [] });
  });

  test('falls back to cognito:username for the name', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', 'cognito:username': 'ana-id-token' }));

    expect(caller.username).toBe('ana-id-token');
  });

  test('falls back to the sub for the name when the token has no username', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1' }));

    expect(caller.username).toBe('user-1');
  });

  test('reads groups given as an array', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', 'cognito:groups': ['players', 'admins'] }));

    expect(caller.groups).toEqual(['players', 'admins']);
  });

  test('reads groups in the "[a b]" string AWS makes of an array claim', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', 'cognito:groups': '[players admins]' }));

    expect(caller.groups).toEqual(['players', 'admins']);
  });

  test('reads a single group in the "[a]" string form', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', 'cognito:groups': '[admins]' }));

    expect(caller.groups).toEqual(['admins']);
  });

  test('reads groups given as a JSON array string', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', 'cognito:groups': '["players","admins"]' }));

    expect(caller.groups).toEqual(['players', 'admins']);
  });

  test('reads groups given as a bare comma-separated string', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', 'cognito:groups': 'players, admins' }));

    expect(caller.groups).toEqual(['players', 'admins']);
  });

  test('gives no groups when the claim is missing', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1' }));

    expect(caller.groups).toEqual([]);
  });

  test('gives no groups for an empty "[]" claim', () => {
    const caller = callerFrom(eventWithClaims({ sub: 'user-1', 'cognito:groups': '[]' }));

    expect(caller.groups).toEqual([]);
  });

  test('refuses a token without a sub as unauthorized', () => {
    expect(() => callerFrom(eventWithClaims({ username: 'ana' }))).toThrow(UnauthorizedError);
  });

  test('refuses an empty sub as unauthorized', () => {
    expect(() => callerFrom(eventWithClaims({ sub: '' }))).toThrow(UnauthorizedError);
  });

  test('refuses an ID token of the pool, which the JWT authorizer lets through, as unauthorized', () => {
    const idToken = { sub: 'user-1', 'cognito:username': 'ana', aud: 'app-client', token_use: 'id' };

    const run = () => callerFrom(eventWithRawClaims(idToken));

    expect(run).toThrow(UnauthorizedError);
    expect(run).toThrow('An access token is required; ID tokens are not accepted.');
  });

  test('refuses a token without a token_use claim as unauthorized', () => {
    expect(() => callerFrom(eventWithRawClaims({ sub: 'user-1', username: 'ana' }))).toThrow(
      UnauthorizedError,
    );
  });

  test('refuses a request that reached the function without an authorizer as unauthorized', () => {
    expect(() => callerFrom(eventWithClaims(undefined))).toThrow(UnauthorizedError);
  });
});

describe('requireGroup', () => {
  test('lets a member of the group through', () => {
    const caller = { userId: 'user-1', username: 'ana', groups: ['players', 'admins'] };

    expect(() => requireGroup(caller, 'admins')).not.toThrow();
  });

  test('refuses someone outside the group with a 403 naming the group', () => {
    const caller = { userId: 'user-1', username: 'ana', groups: ['players'] };

    const run = () => requireGroup(caller, 'admins');

    expect(run).toThrow(ForbiddenError);
    expect(run).toThrow("This needs the 'admins' group.");
  });

  test('does not let a group whose name only contains the wanted one through', () => {
    const caller = { userId: 'user-1', username: 'ana', groups: ['not-admins'] };

    expect(() => requireGroup(caller, 'admins')).toThrow(ForbiddenError);
  });
});
