/**
 * Every error code of the platform and the message a caller reads for it, in one list: an API answers with these
 * codes, tests and clients match on them, and no message is typed twice. A thrower may give a more specific
 * message (naming the template, the day...), never a different meaning.
 */
export const ERRORS = {
  // The HTTP layer: every route
  VALIDATION_FAILED: { status: 400, message: 'Some fields are missing or wrong.' },
  BODY_REQUIRED: { status: 400, message: 'This request needs a JSON body.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { status: 400, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'Send the body as JSON, with content-type: application/json.',
  },
  UNAUTHORIZED: { status: 401, message: 'A valid token is required.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  INTERNAL_ERROR: { status: 500, message: 'Something went wrong on our side. It has been logged.' },
  // The pet game
  UNKNOWN_TEMPLATE: { status: 404, message: 'There is no such interaction template.' },
  ALREADY_COMPLETED: { status: 409, message: 'This interaction was already completed today (UTC).' },
  DAY_NOT_OVER: { status: 400, message: 'A day can be judged only after it ended.' },
  INVALID_RUN_ID: { status: 400, message: 'The run id is malformed.' },
  UNKNOWN_RUN: { status: 404, message: 'There is no such missed-day run.' },
  // The pizza shop
  ORDER_NOT_FOUND: { status: 404, message: 'You have no such order.' },
  PAYMENT_DECLINED: { status: 402, message: 'The payment was declined. Nothing was charged.' },
  PAYMENT_UNAVAILABLE: {
    status: 503,
    message: 'Payment system is currently unavailable. Please try again later.',
  },
  /** Not an error: the order is kept, its payment is being confirmed (a 202, with the order's id). */
  PAYMENT_UNCONFIRMED: {
    status: 202,
    message:
      'We could not confirm your payment yet. We are checking with the payment system: GET /orders/{orderId} ' +
      'shows the outcome within a few minutes (placed, or failed with nothing charged). Please do not order again.',
  },
  PAYMENTS_BUSY: {
    status: 429,
    message: 'Payments are busy right now. Nothing was charged. Please try again in a moment.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: 'This Idempotency-Key was used with a different order. Use a new key for a new order.',
  },
  REQUEST_IN_PROGRESS: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being paid. Try again in a few seconds.',
  },
  // Calendar events
  EVENT_NOT_FOUND: { status: 404, message: 'There is no such event.' },
  EVENT_CANCELLED: { status: 409, message: 'This event was cancelled.' },
  EVENT_BUSY: { status: 409, message: 'This event is being changed by many at once; please try again.' },
  EVENT_STARTED: { status: 409, message: 'This event has already started.' },
  EVENT_FULL: { status: 409, message: 'Every place of this event is taken.' },
  ALREADY_REGISTERED: { status: 409, message: 'You are already registered for this event.' },
  NOT_REGISTERED: { status: 404, message: 'You are not registered for this event.' },
  CAPACITY_BELOW_REGISTERED: { status: 409, message: 'The capacity cannot be lower than the places taken.' },
  // Quests and rewards
  TOO_MANY_ATTEMPTS: {
    status: 429,
    message: 'Too many failed sign-ins for this username from your address; try again later.',
  },
  SIGN_IN_BUSY: { status: 429, message: 'Sign-in is busy right now; please try again in a moment.' },
  QUEST_EXISTS: { status: 409, message: 'There is already a quest with this id.' },
  UNKNOWN_QUEST: { status: 404, message: 'There is no such quest.' },
  NOTHING_TO_CLAIM: { status: 409, message: 'You have no completion of this quest to claim.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * The one base of the platform's errors: a stable code and a human message. HTTP errors, poison messages and
 * the services' own failures all derive from it, so a log or a test can tell them by code.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
