import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { userSignedIn, userSignedUp } from '../../../events/quests';
import { dayKeyOf } from '../../../shared/time';

/** What the sign-in service keeps per user: when they first signed in and how many sign-ins it has recorded. */
export interface Account {
  userId: string;
  username: string;
  firstSignInAt: string;
  lastSignInAt: string;
  signIns: number;
}

export interface SignInDecision {
  account: Account;
  /** The account's sign-in count the save is conditional on (undefined: the account must not exist yet). */
  expectedSignIns: number | undefined;
  events: OutgoingEvent[];
}

/**
 * One successful sign-in: the account's count goes up by one and exactly one user.signed_in leaves (its id
 * carries the sign-in's own id); the first sign-in of a user also gives user.signed_up, whose id is per user.
 */
export function decideSignIn(
  existing: Account | undefined,
  input: { userId: string; username: string; signInId: string; now: Date; correlationId: string },
): SignInDecision {
  const at = input.now.toISOString();
  const first = existing === undefined;
  const account: Account = existing
    ? { ...existing, username: input.username, lastSignInAt: at, signIns: existing.signIns + 1 }
    : { userId: input.userId, username: input.username, firstSignInAt: at, lastSignInAt: at, signIns: 1 };
  const events: OutgoingEvent[] = [];
  if (first) {
    events.push(
      outgoing(userSignedUp, {
        eventId: `signed-up#${input.userId}`,
        correlationId: input.correlationId,
        userId: input.userId,
        username: input.username,
        signedUpAt: at,
      }),
    );
  }
  events.push(
    outgoing(userSignedIn, {
      eventId: `signed-in#${input.userId}#${input.signInId}`,
      correlationId: input.correlationId,
      userId: input.userId,
      username: input.username,
      signInId: input.signInId,
      signedInAt: at,
      dayKey: dayKeyOf(input.now),
      firstSignIn: first,
    }),
  );
  return { account, expectedSignIns: existing?.signIns, events };
}
