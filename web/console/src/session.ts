import { apiBase, type ConsoleConfig } from './config';

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
 * Signs in with the password through POST /auth/sign-in, always: the app client allows no password flow a page
 * could call, so the route's throttle and its one 401 cannot be bypassed. Only the access token is kept; the
 * route hands out no refresh token, and the password is not kept.
 */
export async function signIn(config: ConsoleConfig, username: string, password: string): Promise<Session> {
  const tokens = await viaSignInRoute(config, username, password);
  const session = {
    username,
    accessToken: tokens.accessToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
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
