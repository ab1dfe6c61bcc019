import type { PaymentResult } from '../../../../functions/orders/domain/order';
import type { AttemptRequest, PaymentsClient } from '../../../../functions/orders/ports';
import { CREDIT_LIMIT_CENTS } from '../../../../functions/payments/domain/payment';

/**
 * How a charge goes, from the caller's side and the ledger's:
 *   ok           decided and written (paid, or declined over the credit limit), answered
 *   unavailable  payments failed before writing anything; no answer
 *   throttled    Lambda refused the call: payments never ran
 *   lost         paid and written, but the answer never came back
 *   late         no answer, and the paid write is still on its way: it lands when `landLateCharges` is called
 */
export type ChargeScript = 'ok' | 'unavailable' | 'throttled' | 'lost' | 'late';
/** How a settle goes: answered from the ledger, or no answer at all (payments could not be asked). */
export type SettleScript = 'ok' | 'unavailable';

type Record = 'paid' | 'declined' | 'voided';

/**
 * The payments service as the orders service sees it, with a ledger like the real one: one record per attempt
 * (order id and attempt number), written once by whichever comes first, the charge or the settle's void.
 */
export class FakePayments implements PaymentsClient {
  readonly ledger = new Map<string, Record>();
  /** Every call, in order: 'charge ord_1#1', 'settle ord_1#1'. */
  readonly calls: string[] = [];
  private readonly lateWrites: (() => void)[] = [];
  private hold: Promise<void> | undefined;

  constructor(
    private readonly charges: ChargeScript[] = [],
    private readonly settles: SettleScript[] = [],
  ) {}

  async charge(request: AttemptRequest & { amountCents: number }): Promise<PaymentResult> {
    const key = `${request.orderId}#${request.attempt}`;
    this.calls.push(`charge ${key}`);
    if (this.hold) await this.hold;
    const decided: Record = request.amountCents > CREDIT_LIMIT_CENTS ? 'declined' : 'paid';
    switch (this.charges.shift() ?? 'ok') {
      case 'ok':
        return answer(key, this.write(key, decided));
      case 'unavailable':
        return { outcome: 'unavailable', reason: 'payments failed: test' };
      case 'throttled':
        return { outcome: 'unavailable', reason: 'throttled: test', throttled: true };
      case 'lost':
        this.write(key, decided);
        return { outcome: 'unavailable', reason: 'no answer within 2000 ms' };
      case 'late':
        this.lateWrites.push(() => this.write(key, decided));
        return { outcome: 'unavailable', reason: 'no answer within 2000 ms' };
    }
  }

  async settle(request: AttemptRequest): Promise<PaymentResult> {
    const key = `${request.orderId}#${request.attempt}`;
    this.calls.push(`settle ${key}`);
    if ((this.settles.shift() ?? 'ok') === 'unavailable') {
      return { outcome: 'unavailable', reason: 'payments unreachable: test' };
    }
    return answer(key, this.write(key, 'voided'));
  }

  /** The charges still on their way are written now, each only where its attempt has no record yet. */
  landLateCharges(): void {
    for (const write of this.lateWrites.splice(0)) write();
  }

  /** Keeps every charge waiting until the returned function is called. */
  holdAnswers(): () => void {
    let release = () => {};
    this.hold = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      this.hold = undefined;
      release();
    };
  }

  /** The order ids with a paid attempt, once per paid attempt (an order twice would be a double charge). */
  paidOrders(): string[] {
    return [...this.ledger.entries()]
      .filter(([, record]) => record === 'paid')
      .map(([key]) => key.split('#')[0]!)
      .sort();
  }

  private write(key: string, record: Record): Record {
    if (!this.ledger.has(key)) this.ledger.set(key, record);
    return this.ledger.get(key)!;
  }
}

function answer(key: string, record: Record): PaymentResult {
  switch (record) {
    case 'paid':
      return { outcome: 'paid', chargeId: `ch_${key}` };
    case 'declined':
      return { outcome: 'declined', reason: 'CREDIT_LIMIT_EXCEEDED: test' };
    case 'voided':
      return { outcome: 'voided' };
  }
}
