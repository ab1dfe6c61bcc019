import {
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
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

function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  if (!payload) throw new Error('the pool answered a token that is not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** USER_PASSWORD_AUTH against the app client; the tokens come straight from the pool, so reading them is safe. */
export class CognitoIdentityProvider implements IdentityProvider {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly clientId: string,
  ) {}

  async passwordSignIn(username: string, password: string): Promise<PasswordSignInResult> {
    try {
      const result = await this.cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
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
          refreshToken: auth.RefreshToken,
          expiresIn: auth.ExpiresIn ?? 3600,
          tokenType: auth.TokenType ?? 'Bearer',
        },
      };
    } catch (error) {
      if (REJECTIONS.has((error as { name?: string }).name ?? '')) return { outcome: 'rejected' };
      throw error;
    }
  }
}
