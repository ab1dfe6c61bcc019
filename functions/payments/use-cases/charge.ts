import {
  answerDelayMs,
  type Charge,
  type ChargeRequest,
  LATE_DELAY_MS,
  newCharge,
  newVoid,
  type PaymentMode,
  type SettleRequest,
  withinDeadline,
} from '../domain/payment';
import type { PaymentsRepository } from '../ports';

export interface ChargeDeps {
  payments: PaymentsRepository;
  now: () => Date;
  /** The simulated processor's wait; a test passes one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  newChargeId: () => string;
}

export type ChargeResult =
  /** The operator switched payments off: nothing decided, nothing recorded. */
  | { outcome: 'offline' }
  /** The caller's deadline passed while the processor worked: nothing charged, nothing recorded. */
  | { outcome: 'expired'; mode: PaymentMode }
  /**
   * The attempt's one record: this charge (repeated: false), or what was there first: an earlier request's
   * charge, or the void of a settle that came first (outcome 'voided': nothing charged).
   */
  | { outcome: 'charged'; charge: Charge; repeated: boolean; mode: PaymentMode };

/**
 * The simulated processor charges an attempt: as slow as its mode says, not after the caller's deadline when it
 * can tell, and once per attempt. The write is conditional on the attempt having no record: a charge that arrives
 * after the caller settled the attempt (a void) charges nothing, however late it is.
 */
export async function chargeOrder(deps: ChargeDeps, request: ChargeRequest): Promise<ChargeResult> {
  const mode = await deps.payments.mode();
  if (mode === 'off') return { outcome: 'offline' };
  await deps.sleep(answerDelayMs(mode, deps.random()));
  if (!withinDeadline(request.notAfter, deps.now())) return { outcome: 'expired', mode };
  // 'late': the processor stalls between its deadline check and its write, past the caller's deadline.
  if (mode === 'late') await deps.sleep(LATE_DELAY_MS);
  const { charge, repeated } = await deps.payments.recordOnce(
    newCharge(request, deps.newChargeId(), deps.now()),
  );
  // 'mute' and 'partition': the charge is written, its answer held until the caller gave up.
  if (mode === 'mute' || mode === 'partition') await deps.sleep(LATE_DELAY_MS);
  return { outcome: 'charged', charge, repeated, mode };
}

export type SettleResult =
  /** 'partition': payments cannot be reached; nothing read, nothing written. */
  | { outcome: 'unreachable' }
  /** The attempt's one record: its charge (paid or declined), or a void, this settle's (voidedNow) or an earlier one's. */
  | { outcome: 'settled'; charge: Charge; voidedNow: boolean; mode: PaymentMode };

/**
 * Settles an attempt whose caller saw no answer: writes a void unless the attempt has a charge, and answers the
 * attempt's one record. After it, the attempt's outcome is final: a charge still on its way finds the void.
 * Answers whether payments are on or off (the ledger is the service's own, the processor is what is off).
 */
export async function settleAttempt(deps: ChargeDeps, request: SettleRequest): Promise<SettleResult> {
  const mode = await deps.payments.mode();
  if (mode === 'partition') return { outcome: 'unreachable' };
  const { charge, repeated } = await deps.payments.recordOnce(
    newVoid(request, deps.newChargeId(), deps.now()),
  );
  return { outcome: 'settled', charge, voidedNow: !repeated, mode };
}
