import {
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityProvider } from '../../../functions/auth/adapters/cognito-identity-provider';

const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

/** A pool client that answers one canned result (or throws one error) and records what it was sent. */
function poolAnswering(answer: () => unknown) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      return answer();
    },
  } as unknown as CognitoIdentityProviderClient;
  return { sent, identity: new CognitoIdentityProvider(client, 'pool-1', 'client-1') };
}

const cognitoError = (name: string) => Object.assign(new Error(name), { name });

describe('the pool adapter of the sign-in route', () => {
  test('signs in with the IAM-signed admin flow, the only password flow the app client allows', async () => {
    const { sent, identity } = poolAnswering(() => ({
      AuthenticationResult: {
        AccessToken: jwt({ sub: 'u-1', username: 'alice' }),
        IdToken: 'id',
        ExpiresIn: 60,
      },
    }));

    await identity.passwordSignIn('alice', 'pw');

    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(AdminInitiateAuthCommand);
    expect((sent[0] as AdminInitiateAuthCommand).input).toEqual({
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      UserPoolId: 'pool-1',
      ClientId: 'client-1',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'pw' },
    });
  });

  test('hands on the access and ID tokens but never the refresh token', async () => {
    const { identity } = poolAnswering(() => ({
      AuthenticationResult: {
        AccessToken: jwt({ sub: 'u-1', username: 'alice' }),
        IdToken: 'id',
        RefreshToken: 'thirty-days',
        ExpiresIn: 60,
        TokenType: 'Bearer',
      },
    }));

    const result = await identity.passwordSignIn('alice', 'pw');

    expect(result).toEqual(expect.objectContaining({ outcome: 'signed-in', userId: 'u-1' }));
    expect(JSON.stringify(result)).not.toContain('thirty-days');
  });

  test.each(['TooManyRequestsException', 'LimitExceededException'])(
    'the pool’s own rate limit (%s) is busy with a wait, not an error',
    async (name) => {
      const { identity } = poolAnswering(() => {
        throw cognitoError(name);
      });

      expect(await identity.passwordSignIn('alice', 'pw')).toEqual({ outcome: 'busy', retryAfterSeconds: 5 });
    },
  );

  test('a wrong password and an unknown user are the same rejection', async () => {
    const answers = [];
    for (const name of ['NotAuthorizedException', 'UserNotFoundException']) {
      const { identity } = poolAnswering(() => {
        throw cognitoError(name);
      });
      answers.push(await identity.passwordSignIn('alice', 'pw'));
    }

    expect(answers).toEqual([{ outcome: 'rejected' }, { outcome: 'rejected' }]);
  });
});
