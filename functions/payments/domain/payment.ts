import { z } from 'zod';

/**
 * The simulated payment processor's rules. Deterministic so that tests can drive every answer: an amount over
 * the credit limit is declined, anything else is paid.
 */
export const CREDIT_LIMIT_CENTS = 25_000;

/**
 * The operator's switch: on (normal), off (every charge fails), slow (answers after SLOW_DELAY_MS), late (checks
 * the deadline in time, then stalls LATE_WRITE_DELAY_MS before it writes the charge: the write lands after the
 * caller gave up).
 */
export const PAYMENT_MODES = ['on', 'off', 'slow', 'late'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];
export const DEFAULT_MODE: PaymentMode = 'on';

/** Well past the orders service's ~2 s timeout, well within the function's own. */
export const SLOW_DELAY_MS = 5_000;
/** 'late': from the deadline check to the write; past the orders service's ~2 s timeout. */
export const LATE_WRITE_DELAY_MS = 3_000;
export const MIN_LATENCY_MS = 50;
export const MAX_LATENCY_MS = 150;

export const chargeRequest = z
  .object({
    orderId: z.string().min(1).max(64),
    userId: z.string().min(1).max(128),
    amountCents: z.number().int().min(0),
    correlationId: z.string().min(1).max(200),
    /** The caller's deadline: after it the caller has given up, and a charge would be one nobody waits for. */
    notAfter: z.iso.datetime(),
  })
  .strict();
export type ChargeRequest = z.infer<typeof chargeRequest>;

/**
 * Whether a charge may still be recorded: the caller is still waiting, with room for the answer to travel back.
 * A charge recorded after the caller gave up would take money for an order the customer was told failed.
 */
export const DEADLINE_MARGIN_MS = 100;

export function withinDeadline(notAfter: string, now: Date): boolean {
  return now.getTime() + DEADLINE_MARGIN_MS <= Date.parse(notAfter);
}

export type ChargeDecision = { outcome: 'paid' } | { outcome: 'declined'; reason: string };

/** The one charge of an order, as recorded: the order id is the processor's idempotency key. */
export interface Charge {
  chargeId: string;
  orderId: string;
  userId: string;
  amountCents: number;
  outcome: 'paid' | 'declined';
  reason?: string;
  chargedAt: string;
  correlationId: string;
  /** How many charge requests arrived for this order; only the first one decided. */
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

/** What the function answers; the orders service parses it with the same schema. */
export const chargeResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('paid'), chargeId: z.string(), orderId: z.string() }),
  z.object({ outcome: z.literal('declined'), chargeId: z.string(), orderId: z.string(), reason: z.string() }),
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
    userId: request.userId,
    amountCents: request.amountCents,
    outcome: decision.outcome,
    ...(decision.outcome === 'declined' ? { reason: decision.reason } : {}),
    chargedAt: now.toISOString(),
    correlationId: request.correlationId,
  };
}

/** What the caller is told of an order's charge: the first answer, however often it asks. */
export function chargeAnswer(charge: Charge): ChargeResponse {
  return charge.outcome === 'paid'
    ? { outcome: 'paid', chargeId: charge.chargeId, orderId: charge.orderId }
    : {
        outcome: 'declined',
        chargeId: charge.chargeId,
        orderId: charge.orderId,
        reason: charge.reason ?? 'declined',
      };
}

/** How long the processor takes to answer in a mode, from a random number in [0, 1). */
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
