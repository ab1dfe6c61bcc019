import type { Charge, PaymentMode } from './domain/payment';

/** What the payments use case and the operator need of storage; adapters/dynamodb-payments-repository.ts implements it. */
export interface PaymentsRepository {
  mode(): Promise<PaymentMode>;
  setMode(mode: PaymentMode, now: Date): Promise<void>;
  /**
   * Writes the attempt's record (a charge, or a settle's void) unless the attempt (order id and attempt number)
   * has one; either way returns the attempt's one record. A repeated request only counts itself, it decides
   * nothing. This condition is what makes a settle final: no charge of a voided attempt can be written.
   */
  recordOnce(charge: Omit<Charge, 'requests'>): Promise<{ charge: Charge; repeated: boolean }>;
  /** Every record of an order's attempts, voids included, oldest attempt first. */
  attemptsOf(orderId: string): Promise<Charge[]>;
  /** The order's charge (paid or declined), if any: an order has at most one, its attempts' voids aside. */
  chargeFor(orderId: string): Promise<Charge | undefined>;
  /** Every charge of a user, paid or declined, voids left out: the operator's and the tests' look. */
  chargesOfUser(userId: string): Promise<Charge[]>;
}
