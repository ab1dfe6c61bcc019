import type { OutgoingEvent } from '../../events/define-event';
import type { Account } from './domain/sign-in';
import type { FailureRecord } from './domain/throttle';

export interface Tokens {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  tokenType: string;
}

export type PasswordSignInResult =
  | { outcome: 'signed-in'; tokens: Tokens; userId: string; username: string }
  /** Wrong password, unknown user, or a user who cannot sign in with a password now: one answer for all. */
  | { outcome: 'rejected' }
  /** The pool itself is rate-limiting us: nothing was checked, the caller may try again after a while. */
  | { outcome: 'busy'; retryAfterSeconds: number };

/** The user pool, as the sign-in route needs it. */
export interface IdentityProvider {
  passwordSignIn(username: string, password: string): Promise<PasswordSignInResult>;
}

/** What the sign-in throttle counts failures of (domain/throttle.ts). */
export type ThrottleKey =
  | { kind: 'username-from-address'; username: string; address: string }
  | { kind: 'address'; address: string };

export interface FailureUpdate {
  key: ThrottleKey;
  /** The record the update is conditional on (undefined: none stored). */
  expected: FailureRecord | undefined;
  next: FailureRecord;
  /** When the item may go (the table's TTL), epoch seconds. */
  expiresAt: number;
}

export interface AuthStore {
  failures(key: ThrottleKey): Promise<FailureRecord | undefined>;
  /** Writes every update in one transaction if each key still holds its expected record; else nothing ('conflict'). */
  saveFailures(updates: readonly FailureUpdate[]): Promise<'saved' | 'conflict'>;
  /** One counted failure less for the key, or none left at all with `all` (a sign-in that went through). */
  forgive(key: ThrottleKey, all: boolean): Promise<void>;
  getAccount(userId: string): Promise<Account | undefined>;
  /**
   * Saves the account and puts its events in the outbox in one transaction, if the stored count still is
   * `expectedSignIns` (undefined: no account yet); 'conflict' (nothing written) if another sign-in came first.
   */
  saveSignIn(
    account: Account,
    expectedSignIns: number | undefined,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'saved' | 'conflict'>;
}
