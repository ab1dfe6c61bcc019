import {
  answerDelayMs,
  type Charge,
  type ChargeRequest,
  LATE_WRITE_DELAY_MS,
  newCharge,
  type PaymentMode,
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
  | { outcome: 'charged'; charge: Charge; repeated: boolean; mode: PaymentMode };

/**
 * The simulated processor charges an order: as slow as its mode says, never after the caller's deadline (the
 * caller has told the customer the payment failed by then), and once per order: a repeated request gets the
 * first answer.
 */
export async function chargeOrder(deps: ChargeDeps, request: ChargeRequest): Promise<ChargeResult> {
  const mode = await deps.payments.mode();
  if (mode === 'off') return { outcome: 'offline' };
  await deps.sleep(answerDelayMs(mode, deps.random()));
  if (!withinDeadline(request.notAfter, deps.now())) return { outcome: 'expired', mode };
  if (mode === 'late') await deps.sleep(LATE_WRITE_DELAY_MS);
  const { charge, repeated } = await deps.payments.recordOnce(
    newCharge(request, deps.newChargeId(), deps.now()),
  );
  return { outcome: 'charged', charge, repeated, mode };
}
