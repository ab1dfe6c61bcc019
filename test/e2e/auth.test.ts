import * as crypto from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { apiClient } from '../../scripts/lib/api-client';
import { clientConfig } from '../../scripts/lib/target';
import { ensureUser, signIn } from '../../scripts/lib/users';
import { GROUPS } from '../../shared/identity';
import { emulatorAccessTokenKeyPem, newPlayer, outputs, type Player, target } from '../support/platform';

jest.setTimeout(60_000);

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const decode = (token: string) => {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>,
  };
};
const signRs256 = (header: object, payload: object, key: crypto.KeyObject | string) => {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${b64url(crypto.sign('sha256', Buffer.from(signingInput), key))}`;
};

describe('who may call the API', () => {
  let player: Player;
  const anonymous = apiClient(undefined);

  beforeAll(async () => {
    player = await newPlayer();
  });

  test('the identity provider issues access tokens that aws-jwt-verify accepts for our pool and client', async () => {
    const verifier = CognitoJwtVerifier.create({
      userPoolId: outputs.UserPoolId,
      tokenUse: 'access',
      clientId: outputs.UserPoolClientId,
    });
    if (target.endpoint) {
      // Emulators serve the pool's JWKS from their own endpoint, not from the issuer URL.
      const jwks = await (
        await fetch(`${target.endpoint}/${outputs.UserPoolId}/.well-known/jwks.json`)
      ).json();
      verifier.cacheJwks(jwks as Parameters<typeof verifier.cacheJwks>[0]);
    }
    const claims = await verifier.verify(player.accessToken);
    expect(claims.sub).toBe(player.userId);
    expect(claims['cognito:groups']).toEqual([GROUPS.players]);
  });

  test('a request without a token gets 401 on every route', async () => {
    for (const [method, path] of [
      ['GET', '/pets/me'],
      ['PATCH', '/pets/me'],
      ['GET', '/pets/me/history'],
      ['GET', '/interactions/templates'],
      ['POST', '/interactions/complete'],
      ['GET', '/interactions/today'],
      ['POST', '/admin/missed-day-runs'],
      ['GET', '/admin/missed-day-runs/00000000-0000-4000-8000-000000000000'],
      ['GET', '/whoami'],
    ] as const) {
      const response = await anonymous.call(method, path, method === 'GET' ? undefined : {}, { token: null });
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({
        route: `${method} ${path}`,
        status: 401,
      });
    }
  });

  test('a token whose payload was changed after signing gets 401', async () => {
    const [header, , signature] = player.accessToken.split('.');
    const { payload } = decode(player.accessToken);
    const tampered = `${header}.${b64url(JSON.stringify({ ...payload, sub: 'someone-else' }))}.${signature}`;
    expect((await anonymous.get('/pets/me', { token: tampered })).status).toBe(401);
  });

  test('a token signed with a key that is not the pool’s gets 401', async () => {
    const { header, payload } = decode(player.accessToken);
    const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await anonymous.get('/pets/me', { token: signRs256(header, payload, stranger) })).status).toBe(
      401,
    );
  });

  test('an unsigned token (alg none) gets 401', async () => {
    const { header, payload } = decode(player.accessToken);
    const unsigned = `${b64url(JSON.stringify({ ...header, alg: 'none' }))}.${b64url(JSON.stringify(payload))}.`;
    expect((await anonymous.get('/pets/me', { token: unsigned })).status).toBe(401);
  });

  test('an expired token, correctly signed by the pool’s own key, gets 401', async () => {
    const pem = emulatorAccessTokenKeyPem();
    if (!pem) {
      console.warn(`skipped on ${target.kind}: the pool's signing key is only readable on MiniStack`);
      return;
    }
    const { header, payload } = decode(player.accessToken);
    const now = Math.floor(Date.now() / 1000);
    // The control proves the key is the pool's: the same claims re-signed are accepted...
    expect((await anonymous.get('/whoami', { token: signRs256(header, payload, pem) })).status).toBe(200);
    // ...so the only reason for this 401 is the expiry.
    const expired = signRs256(
      header,
      { ...payload, iat: now - 7200, auth_time: now - 7200, exp: now - 3600 },
      pem,
    );
    expect((await anonymous.get('/whoami', { token: expired })).status).toBe(401);
  });

  test('a token from another user pool gets 401', async () => {
    const idp = new CognitoIdentityProviderClient(clientConfig());
    const otherPool = (await idp.send(new CreateUserPoolCommand({ PoolName: `other-${Date.now()}` })))
      .UserPool!.Id!;
    const otherClient = (
      await idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: otherPool,
          ClientName: 'other',
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    const other = { ...outputs, UserPoolId: otherPool, UserPoolClientId: otherClient };
    await ensureUser({ username: 'mallory', password: 'Mallory-Passw0rd!', groups: [] }, other);
    const token = (await signIn('mallory', 'Mallory-Passw0rd!', other)).accessToken;
    expect((await anonymous.get('/pets/me', { token })).status).toBe(401);
  });

  test('a token of our pool issued to another app client gets 401', async () => {
    const idp = new CognitoIdentityProviderClient(clientConfig());
    const otherClient = (
      await idp.send(
        new CreateUserPoolClientCommand({
          UserPoolId: outputs.UserPoolId,
          ClientName: `not-the-app-${Date.now()}`,
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    const password = 'Other-Client-Pw1!';
    const username = `oc-${Date.now()}`;
    await ensureUser({ username, password, groups: [GROUPS.players] });
    const token = (await signIn(username, password, { ...outputs, UserPoolClientId: otherClient }))
      .accessToken;
    expect((await anonymous.get('/pets/me', { token })).status).toBe(401);
  });

  test('the pool’s own ID token for our client, valid and unexpired, gets 401 on every kind of route', async () => {
    // It passes the JWT authorizer (same issuer, `aud` is our client id); the functions refuse its token_use.
    const { payload } = decode(player.idToken);
    expect({ tokenUse: payload.token_use, aud: payload.aud }).toEqual({
      tokenUse: 'id',
      aud: outputs.UserPoolClientId,
    });
    for (const [method, path] of [
      ['GET', '/whoami'],
      ['GET', '/pets/me'],
      ['POST', '/interactions/complete'],
      ['GET', '/menu'],
    ] as const) {
      const body = method === 'GET' ? undefined : { templateId: 'play_10m' };
      const response = await anonymous.call<{ code: string }>(method, path, body, { token: player.idToken });
      expect({ route: `${method} ${path}`, status: response.status, code: response.body.code }).toEqual({
        route: `${method} ${path}`,
        status: 401,
        code: 'UNAUTHORIZED',
      });
    }
    expect((await anonymous.get('/whoami', { token: player.accessToken })).status).toBe(200);
  });

  test('a player gets 403 on an admins-only route; an admin is let through', async () => {
    const denied = await player.api.post<{ code: string }>('/admin/missed-day-runs', { day: '2001-01-01' });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const admin = await newPlayer([GROUPS.players, GROUPS.admins]);
    const allowed = await admin.api.post<{ day: string }>('/admin/missed-day-runs', { day: '2001-01-01' });
    expect(allowed.status).toBe(202);
    expect(allowed.body.day).toBe('2001-01-01');
  });
});
