import { decideSignIn } from '../domain/sign-in';
import {
  type BackoffPolicy,
  normalizedUsername,
  type ThrottlePolicy,
  waitSeconds,
  withFailure,
} from '../domain/throttle';
import type { AuthStore, FailureUpdate, IdentityProvider, ThrottleKey, Tokens } from '../ports';

export type SignInResult =
  | { outcome: 'signed-in'; tokens: Tokens; userId: string; firstSignIn: boolean }
  | { outcome: 'rejected' }
  | { outcome: 'throttled'; retryAfterSeconds: number }
  | { outcome: 'busy'; retryAfterSeconds: number };

const MAX_SAVE_ROUNDS = 5;

type Deps = {
  store: AuthStore;
  identity: IdentityProvider;
  now: () => Date;
  newId: () => string;
  throttle: ThrottlePolicy;
};

/**
 * Counts the attempt as a failure of both its keys before the pool is asked, unless one of them must still wait:
 * then the seconds to wait. Both keys in one conditional write, re-read when another attempt came first.
 */
async function admit(deps: Deps, keys: readonly { key: ThrottleKey; policy: BackoffPolicy }[]) {
  for (let round = 0; round < MAX_SAVE_ROUNDS; round++) {
    const now = deps.now();
    const records = await Promise.all(keys.map(({ key }) => deps.store.failures(key)));
    const wait = Math.max(...keys.map(({ policy }, i) => waitSeconds(records[i], now, policy)));
    if (wait > 0) return wait;
    const updates: FailureUpdate[] = keys.map(({ key, policy }, i) => {
      const next = withFailure(records[i], now, policy);
      return { key, expected: records[i], next, expiresAt: next.lastFailureAt + policy.forgetAfterSeconds };
    });
    if ((await deps.store.saveFailures(updates)) === 'saved') return 0;
  }
  // Attempts on these keys are racing each other this hard: this one can come back in a second.
  return 1;
}

/**
 * A user signs in with username and password from a source address. The attempt is admitted by the throttle
 * (domain/throttle.ts: growing delays per username-from-address and per address, never a lockout), the pool checks
 * the password, then the sign-in is recorded with its events in one transaction. The tokens are handed out only
 * once the events are committed, so every sign-in a client sees succeed is exactly one user.signed_in, and a
 * failed one is none.
 */
export async function signIn(
  deps: Deps,
  input: { username: string; password: string; sourceAddress: string; correlationId: string },
): Promise<SignInResult> {
  const username = normalizedUsername(input.username);
  const pair: ThrottleKey = { kind: 'username-from-address', username, address: input.sourceAddress };
  const address: ThrottleKey = { kind: 'address', address: input.sourceAddress };
  const wait = await admit(deps, [
    { key: pair, policy: deps.throttle.perUsernameAndAddress },
    { key: address, policy: deps.throttle.perAddress },
  ]);
  if (wait > 0) return { outcome: 'throttled', retryAfterSeconds: wait };

  const result = await deps.identity.passwordSignIn(input.username, input.password);
  if (result.outcome === 'rejected') return result;
  // A sign-in that went through clears its username-from-address key; a busy pool never looked at the password,
  // so that attempt is no failure either.
  await deps.store.forgive(pair, result.outcome === 'signed-in');
  await deps.store.forgive(address, false);
  if (result.outcome === 'busy') return result;

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
