import {
  AdminInitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityProvider, PasswordSignInResult } from '../ports';

/** Errors that mean "these credentials do not sign in": all become the same 401, so no answer tells users apart. */
const REJECTIONS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
  'InvalidParameterException',
]);

/** Cognito's own rate limits: the caller should come back later (429), it is not our failure (500). */
const BUSY = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'TooManyFailedAttemptsException',
]);
const BUSY_RETRY_AFTER_SECONDS = 5;

function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('the pool answered a token that is not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * ADMIN_USER_PASSWORD_AUTH (signed with the function's IAM role) against the app client, which allows no
 * unsigned password flow; the tokens come straight from the pool, so reading them is safe.
 */
export class CognitoIdentityProvider implements IdentityProvider {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly clientId: string,
  ) {}

  async passwordSignIn(username: string, password: string): Promise<PasswordSignInResult> {
    try {
      const result = await this.cognito.send(
        new AdminInitiateAuthCommand({
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          UserPoolId: this.userPoolId,
          ClientId: this.clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
      const auth = result.AuthenticationResult;
      // A challenge (a new password required, say) is not a sign-in.
      if (!auth?.AccessToken || !auth.IdToken) return { outcome: 'rejected' };
      const claims = claimsOf(auth.AccessToken);
      return {
        outcome: 'signed-in',
        userId: String(claims.sub),
        username: String(claims.username ?? username),
        tokens: {
          accessToken: auth.AccessToken,
          idToken: auth.IdToken,
          // The 30-day refresh token is not handed on: page script could read it, and no client of ours refreshes.
          expiresIn: auth.ExpiresIn ?? 3600,
          tokenType: auth.TokenType ?? 'Bearer',
        },
      };
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      if (REJECTIONS.has(name)) return { outcome: 'rejected' };
      if (BUSY.has(name)) return { outcome: 'busy', retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
      throw error;
    }
  }
}
