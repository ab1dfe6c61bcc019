import { randomBytes, randomUUID } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { TEST_SOURCE_ADDRESS_HEADER } from '../../functions/auth/handlers/input';
import { apiClient } from '../../scripts/lib/api-client';
import { clientConfig } from '../../scripts/lib/target';
import { ensureUser, signIn } from '../../scripts/lib/users';
import { GROUPS } from '../../shared/identity';
import { outputs, target } from '../support/platform';

jest.setTimeout(120_000);

const onEmulator = target.kind !== 'aws';
/** A fresh address of the documentation range (2001:db8::/32), so no earlier run's failures count. */
const newAddress = () =>
  `2001:db8::${randomBytes(4)
    .toString('hex')
    .replace(/(.{4})(.{4})/, '$1:$2')}`;

async function newUser() {
  const username = `si-${randomUUID().slice(0, 12)}`;
  const password = `Sign-${randomUUID().slice(0, 8)}-Pw1!`;
  await ensureUser({ username, password, groups: [GROUPS.players] }, outputs);
  return { username, password };
}

const anonymous = apiClient(undefined);
const from = (address: string) => ({ headers: { [TEST_SOURCE_ADDRESS_HEADER]: address }, retry: false });

describe('POST /auth/sign-in', () => {
  test('a form post (another site’s, say) is refused with 415 and a JSON error, and signs nobody in', async () => {
    const user = await newUser();

    const form = await anonymous.post<{ code: string; message: string }>('/auth/sign-in', undefined, {
      rawBody: `username=${user.username}&password=${encodeURIComponent(user.password)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const text = await anonymous.post<{ code: string }>('/auth/sign-in', undefined, {
      rawBody: JSON.stringify(user),
      headers: { 'content-type': 'text/plain' },
    });

    expect([form.status, text.status]).toEqual([415, 415]);
    expect(form.body).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) });
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('an attacker failing from one address does not keep the user signing in from another address out', async () => {
    if (!onEmulator) {
      console.warn('skipped on AWS: a test can choose its source address only on the local stage');
      return;
    }
    const user = await newUser();
    const attacker = newAddress();
    // Wrong passwords until the attacker's address must wait a good while for this username.
    const answers: { status: number; retryAfter: number }[] = [];
    while (!answers.some((a) => a.retryAfter >= 5) && answers.length < 200) {
      const answer = await anonymous.post(
        '/auth/sign-in',
        { username: user.username, password: 'Wrong-Passw0rd!' },
        from(attacker),
      );
      answers.push({ status: answer.status, retryAfter: Number(answer.headers.get('retry-after') ?? 0) });
    }

    const victim = await anonymous.post<{ accessToken: string }>('/auth/sign-in', user, from(newAddress()));
    const attackerWithTheRightPassword = await anonymous.post<{ code: string }>(
      '/auth/sign-in',
      user,
      from(attacker),
    );

    expect(answers.map((a) => a.status)).toContain(429);
    expect(victim.status).toBe(200);
    expect(victim.body.accessToken).toEqual(expect.any(String));
    expect(attackerWithTheRightPassword.status).toBe(429);
    expect(attackerWithTheRightPassword.body.code).toBe('TOO_MANY_ATTEMPTS');
  });

  test('the answer carries the access and ID tokens but no refresh token for page script to keep', async () => {
    const user = await newUser();

    const response = await anonymous.post<Record<string, unknown>>('/auth/sign-in', user, from(newAddress()));

    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'expiresIn', 'idToken', 'tokenType']);
  });

  test('straight at the pool, an unknown user and a wrong password get the same error', async () => {
    const user = await newUser();
    const errorOf = (username: string, password: string) =>
      signIn(username, password, outputs).then(
        () => 'signed in',
        (error: Error) => error.name,
      );

    const wrong = await errorOf(user.username, 'Wrong-Passw0rd!');
    const unknown = await errorOf(`nobody-${randomUUID()}`, 'Wrong-Passw0rd!');

    expect({ wrong, unknown }).toEqual({
      wrong: 'NotAuthorizedException',
      unknown: 'NotAuthorizedException',
    });
  });

  test('the app client refuses USER_PASSWORD_AUTH, the password flow that needs no IAM credentials', async () => {
    if (target.kind === 'ministack') {
      console.warn(
        'skipped on MiniStack: it enforces ExplicitAuthFlows only with AUTH=true (docs/emulator-facts.md)',
      );
      return;
    }
    const user = await newUser();
    const idp = new CognitoIdentityProviderClient(clientConfig());

    const attempt = idp.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: outputs.UserPoolClientId,
        AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
      }),
    );

    await expect(attempt).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
