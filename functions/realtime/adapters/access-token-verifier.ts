import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';

export interface VerifiedCaller {
  userId: string;
  username: string;
  groups: string[];
  /** The token's `exp` (epoch seconds). */
  expiresAt: number;
}

/**
 * Verifies a Cognito *access* token issued to our app client (signature, issuer, expiry, token_use, client_id).
 * Where the pool's keys are not at the issuer's https address (an emulator), they are fetched from `jwksUrl` and
 * handed to the verifier, which then checks exactly as on AWS.
 */
export function accessTokenVerifier(config: { userPoolId: string; clientId: string; jwksUrl?: string }) {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: config.userPoolId,
    tokenUse: 'access',
    clientId: config.clientId,
  });
  let keysLoaded: Promise<void> | undefined;
  const loadKeys = () => {
    if (!config.jwksUrl) return Promise.resolve();
    keysLoaded ??= fetch(config.jwksUrl)
      .then((response) => response.json() as Promise<Jwks>)
      .then((jwks) => verifier.cacheJwks(jwks))
      .catch((error) => {
        keysLoaded = undefined;
        throw error;
      });
    return keysLoaded;
  };
  return async (token: string): Promise<VerifiedCaller | undefined> => {
    await loadKeys();
    try {
      const payload = await verifier.verify(token);
      const groups = payload['cognito:groups'];
      return {
        userId: payload.sub,
        username: String(payload.username ?? payload.sub),
        groups: Array.isArray(groups) ? groups.map(String) : [],
        expiresAt: payload.exp,
      };
    } catch {
      return undefined;
    }
  };
}
