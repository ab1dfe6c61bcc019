import { apiBase, type ConsoleConfig, cognitoEndpoint } from './config';

export interface Session {
  username: string;
  accessToken: string;
  expiresAt: number;
}

/** Tokens live in this tab only (sessionStorage): closing the tab forgets them; nothing goes to localStorage. */
const KEY = 'console.session';

export function savedSession(): Session | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return saved && saved.expiresAt > Date.now() + 30_000 ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
}

export class SignInError extends Error {}

/**
 * Signs in with the password: POST /auth/sign-in when the stack has it (quests), else Cognito's InitiateAuth
 * USER_PASSWORD_AUTH, the call the demo users make. Only the access token is kept; no refresh token, no password.
 */
export async function signIn(config: ConsoleConfig, username: string, password: string): Promise<Session> {
  const tokens = config.features.quests
    ? await viaSignInRoute(config, username, password)
    : await viaCognito(config, username, password);
  const session = {
    username,
    accessToken: tokens.accessToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

async function viaCognito(config: ConsoleConfig, username: string, password: string) {
  const response = await fetch(cognitoEndpoint(config), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    AuthenticationResult?: { AccessToken: string; ExpiresIn: number };
    __type?: string;
    message?: string;
  };
  if (!response.ok || !body.AuthenticationResult) {
    throw new SignInError(
      body.__type?.includes('NotAuthorized') || body.__type?.includes('UserNotFound')
        ? 'The username or password is wrong.'
        : (body.message ?? `Sign-in failed (${response.status}).`),
    );
  }
  return {
    accessToken: body.AuthenticationResult.AccessToken,
    expiresIn: body.AuthenticationResult.ExpiresIn || 3600,
  };
}

async function viaSignInRoute(config: ConsoleConfig, username: string, password: string) {
  const response = await fetch(`${apiBase(config)}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    accessToken?: string;
    expiresIn?: number;
    message?: string;
  };
  if (!response.ok || !body.accessToken) {
    throw new SignInError(body.message ?? `Sign-in failed (${response.status}).`);
  }
  return { accessToken: body.accessToken, expiresIn: body.expiresIn ?? 3600 };
}
