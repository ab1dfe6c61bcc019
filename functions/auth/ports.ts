import type { OutgoingEvent } from '../../events/define-event';
import type { Account } from './domain/sign-in';

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  expiresIn: number;
  tokenType: string;
}

export type PasswordSignInResult =
  | { outcome: 'signed-in'; tokens: Tokens; userId: string; username: string }
  /** Wrong password, unknown user, or a user who cannot sign in with a password now: one answer for all. */
  | { outcome: 'rejected' };

/** The user pool, as the sign-in route needs it. */
export interface IdentityProvider {
  passwordSignIn(username: string, password: string): Promise<PasswordSignInResult>;
}

export interface AuthStore {
  /** Adds one attempt to the username's counter for the window and answers the count, this attempt included. */
  countAttempt(username: string, windowStart: number, expiresAt: number): Promise<number>;
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
