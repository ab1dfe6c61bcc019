import { decideSignIn } from '../domain/sign-in';
import { attemptWindow, normalizedUsername, type ThrottlePolicy, throttled } from '../domain/throttle';
import type { AuthStore, IdentityProvider, Tokens } from '../ports';

export type SignInResult =
  | { outcome: 'signed-in'; tokens: Tokens; userId: string; firstSignIn: boolean }
  | { outcome: 'rejected' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

const MAX_SAVE_ROUNDS = 5;

/**
 * A user signs in with username and password. The attempt is counted first (too many in the window: refused
 * before the pool is asked); the pool checks the password; then the sign-in is recorded with its events in one
 * transaction. The tokens are handed out only once the events are committed, so every sign-in a client sees
 * succeed is exactly one user.signed_in, and a failed one is none.
 */
export async function signIn(
  deps: {
    store: AuthStore;
    identity: IdentityProvider;
    now: () => Date;
    newId: () => string;
    throttle: ThrottlePolicy;
  },
  input: { username: string; password: string; correlationId: string },
): Promise<SignInResult> {
  const now = deps.now();
  const window = attemptWindow(now, deps.throttle);
  const attempts = await deps.store.countAttempt(
    normalizedUsername(input.username),
    window.start,
    window.expiresAt,
  );
  const retryAfterSeconds = throttled(attempts, window, now, deps.throttle);
  if (retryAfterSeconds !== undefined) return { outcome: 'throttled', retryAfterSeconds };

  const result = await deps.identity.passwordSignIn(input.username, input.password);
  if (result.outcome === 'rejected') return result;

  const signInId = deps.newId();
  for (let round = 0; round < MAX_SAVE_ROUNDS; round++) {
    const existing = await deps.store.getAccount(result.userId);
    const decision = decideSignIn(existing, {
      userId: result.userId,
      username: result.username,
      signInId,
      now: deps.now(),
      correlationId: input.correlationId,
    });
    const saved = await deps.store.saveSignIn(
      decision.account,
      decision.expectedSignIns,
      decision.events,
      deps.now(),
    );
    if (saved === 'saved') {
      return { outcome: 'signed-in', tokens: result.tokens, userId: result.userId, firstSignIn: !existing };
    }
  }
  throw new Error(`sign-in of ${result.userId} lost ${MAX_SAVE_ROUNDS} races in a row`);
}
