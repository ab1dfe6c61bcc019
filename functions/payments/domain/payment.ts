import * as z from 'zod';

/**
 * The simulated payment processor's rules. Deterministic so that tests can drive every answer: an amount over
 * the credit limit is declined, anything else is paid.
 */
export const CREDIT_LIMIT_CENTS = 25_000;

/**
 * The operator's switch. on: normal. off: the processor is down, every charge fails (a settle still answers:
 * the ledger of charge attempts is the payments service's own). slow: answers after SLOW_DELAY_MS, when its
 * deadline check refuses to charge. The others reproduce a charge that the caller cannot see end in time:
 * late: checks the deadline in time, then stalls LATE_DELAY_MS before it writes the charge, so the write lands
 * after the caller gave up. mute: writes the charge at once and answers LATE_DELAY_MS later, so the caller gives
 * up on a charge that exists. partition: as mute, and settles fail too while the mode lasts, so the caller cannot
 * learn the outcome; the orders reconciler settles it once payments are back.
 */
export const PAYMENT_MODES = ['on', 'off', 'slow', 'late', 'mute', 'partition'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];
export const DEFAULT_MODE: PaymentMode = 'on';

/** Well past the orders service's ~2 s timeout, well within the function's own. */
export const SLOW_DELAY_MS = 5_000;
/** 'late', 'mute' and 'partition': how long the write or the answer is held; past the orders' ~2 s timeout. */
export const LATE_DELAY_MS = 3_000;
export const MIN_LATENCY_MS = 50;
export const MAX_LATENCY_MS = 150;

/** An order's attempts are numbered from 1; the table keys them with four digits. */
export const MAX_ATTEMPT = 9_999;

/**
 * A charge attempt's key, chosen by the orders service (never by the customer): the order and the attempt's
 * number. An order is paid at most once because a new attempt starts only after the last one is settled with
 * nothing charged (voided); each attempt is written once, by a charge or by a settle, whichever comes first.
 */
const attemptKey = {
  orderId: z.string().min(1).max(64),
  attempt: z.number().int().min(1).max(MAX_ATTEMPT),
  userId: z.string().min(1).max(128),
  correlationId: z.string().min(1).max(200),
};

export const chargeRequest = z
  .object({
    operation: z.literal('charge'),
    ...attemptKey,
    amountCents: z.number().int().min(0),
    /** The caller's deadline: after it the caller has given up, and a charge would be one nobody waits for. */
    notAfter: z.iso.datetime(),
  })
  .strict();
export type ChargeRequest = z.infer<typeof chargeRequest>;

/**
 * Settles an attempt whose charge the caller saw no answer to: the attempt's charge if it has one, else a void,
 * written so that no charge of that attempt can be written after it. Safe to repeat.
 */
export const settleRequest = z
  .object({
    operation: z.literal('settle'),
    ...attemptKey,
  })
  .strict();
export type SettleRequest = z.infer<typeof settleRequest>;

/** What the payments function is asked: charge an attempt, or settle one. */
export const paymentsRequest = z.discriminatedUnion('operation', [chargeRequest, settleRequest]);
export type PaymentsRequest = z.infer<typeof paymentsRequest>;

/**
 * Whether a charge may still be recorded: the caller is still waiting, with room for the answer to travel back.
 * Only an economy now: a charge written after the caller gave up finds the caller's void and takes nothing.
 */
export const DEADLINE_MARGIN_MS = 100;

export function withinDeadline(notAfter: string, now: Date): boolean {
  return now.getTime() + DEADLINE_MARGIN_MS <= Date.parse(notAfter);
}

export type ChargeDecision = { outcome: 'paid' } | { outcome: 'declined'; reason: string };

/**
 * The one record of a charge attempt (an order and the attempt's number), written once by whichever comes first:
 * the charge (paid or declined) or the settle that closes an attempt nobody saw the end of (voided: nothing was
 * charged, and nothing can be any more).
 */
export interface Charge {
  chargeId: string;
  orderId: string;
  attempt: number;
  userId: string;
  /** What was charged; 0 for a void. */
  amountCents: number;
  outcome: 'paid' | 'declined' | 'voided';
  reason?: string;
  /** When the record was written: the charge decided, or the attempt voided. */
  chargedAt: string;
  correlationId: string;
  /** How many requests (charges and settles) arrived for this attempt; only the first one decided. */
  requests: number;
}

export function decideCharge(amountCents: number): ChargeDecision {
  if (amountCents > CREDIT_LIMIT_CENTS) {
    return {
      outcome: 'declined',
      reason: `CREDIT_LIMIT_EXCEEDED: ${amountCents} cents is over the limit of ${CREDIT_LIMIT_CENTS}`,
    };
  }
  return { outcome: 'paid' };
}

/** What the function answers, to a charge and to a settle; the orders service parses it with the same schema. */
export const chargeResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('paid'), chargeId: z.string(), orderId: z.string() }),
  z.object({ outcome: z.literal('declined'), chargeId: z.string(), orderId: z.string(), reason: z.string() }),
  /** The attempt is closed with nothing charged: a settle voided it before any charge was written. */
  z.object({ outcome: z.literal('voided'), orderId: z.string(), attempt: z.number() }),
  /** The deadline passed before the charge was decided: nothing was charged, nothing recorded. */
  z.object({ outcome: z.literal('expired'), orderId: z.string() }),
]);
export type ChargeResponse = z.infer<typeof chargeResponse>;

/** A request's charge, decided by the credit limit; `requests` is counted by whoever records it. */
export function newCharge(request: ChargeRequest, chargeId: string, now: Date): Omit<Charge, 'requests'> {
  const decision = decideCharge(request.amountCents);
  return {
    chargeId,
    orderId: request.orderId,
    attempt: request.attempt,
    userId: request.userId,
    amountCents: request.amountCents,
    outcome: decision.outcome,
    ...(decision.outcome === 'declined' ? { reason: decision.reason } : {}),
    chargedAt: now.toISOString(),
    correlationId: request.correlationId,
  };
}

/** A settle's void of an attempt: written only where the attempt has no charge, and then none can follow. */
export function newVoid(request: SettleRequest, chargeId: string, now: Date): Omit<Charge, 'requests'> {
  return {
    chargeId,
    orderId: request.orderId,
    attempt: request.attempt,
    userId: request.userId,
    amountCents: 0,
    outcome: 'voided',
    chargedAt: now.toISOString(),
    correlationId: request.correlationId,
  };
}

/** What the caller is told of an attempt: its one record, however often and however it asks. */
export function chargeAnswer(charge: Charge): ChargeResponse {
  switch (charge.outcome) {
    case 'paid':
      return { outcome: 'paid', chargeId: charge.chargeId, orderId: charge.orderId };
    case 'declined':
      return {
        outcome: 'declined',
        chargeId: charge.chargeId,
        orderId: charge.orderId,
        reason: charge.reason ?? 'declined',
      };
    case 'voided':
      return { outcome: 'voided', orderId: charge.orderId, attempt: charge.attempt };
  }
}

/** How long the processor takes to decide in a mode, from a random number in [0, 1). */
export function answerDelayMs(mode: Exclude<PaymentMode, 'off'>, random: number): number {
  return mode === 'slow' ? SLOW_DELAY_MS : simulatedLatencyMs(random);
}

/** A processor's latency, from a random number in [0, 1): between MIN and MAX. */
export function simulatedLatencyMs(random: number): number {
  return Math.round(MIN_LATENCY_MS + random * (MAX_LATENCY_MS - MIN_LATENCY_MS));
}

export function isPaymentMode(value: string): value is PaymentMode {
  return (PAYMENT_MODES as readonly string[]).includes(value);
}
