import type { Charge, PaymentMode } from './domain/payment';

/** What the payments use case and the operator need of storage; adapters/dynamodb-payments-repository.ts implements it. */
export interface PaymentsRepository {
  mode(): Promise<PaymentMode>;
  setMode(mode: PaymentMode, now: Date): Promise<void>;
  /**
   * Records the charge unless the order has one; either way returns the order's one charge. A repeated request
   * only counts itself, it decides nothing.
   */
  recordOnce(charge: Omit<Charge, 'requests'>): Promise<{ charge: Charge; repeated: boolean }>;
  chargeFor(orderId: string): Promise<Charge | undefined>;
  /** Every charge of a user: the operator's and the tests' look. */
  chargesOfUser(userId: string): Promise<Charge[]>;
}
