import type { EventInput } from '../../events/define-event';
import type { deliveryStepDue } from '../../events/delivery-steps';
import type { AdvanceDecision } from './domain/advance';
import type { AssignDecision } from './domain/dispatch';
import type { DeliverySettings } from './domain/legs';
import type { ReleaseDecision } from './domain/sweep';
import type { DeliveryOrder, DriverState, WaitingOrder } from './domain/types';

/** What the delivery use cases need of storage; adapters/dynamodb-delivery-store.ts implements it. */
export interface DeliveryStore {
  settings(): Promise<DeliverySettings>;
  /** Puts the pool's drivers in the table where they are missing; one already there keeps its state. */
  seedDrivers(now: Date): Promise<void>;
  drivers(): Promise<DriverState[]>;
  order(orderId: string): Promise<DeliveryOrder | undefined>;
  /** A ready order joins the waiting list; false when it is known already (a duplicate order.ready). */
  enqueue(order: DeliveryOrder): Promise<boolean>;
  /** The orders that wait longest, oldest first. */
  waiting(limit: number): Promise<WaitingOrder[]>;
  /**
   * Saves an assignment with its events in one transaction, if the decision's expectations still hold; false
   * when another worker changed the order or the driver first (nothing is written).
   */
  assign(decision: AssignDecision, now: Date): Promise<boolean>;
  /** Saves a step (and, at the door, the freed driver) with its events in one transaction, if still expected. */
  advance(decision: AdvanceDecision, now: Date): Promise<boolean>;
  /** Frees a driver held by an order that does not hold them, if still on that order and assignment. */
  release(decision: ReleaseDecision): Promise<boolean>;
}

/** The delivery's clock: a step message sent to its own queue, hidden for the leg's travel time. */
export interface StepScheduler {
  schedule(step: EventInput<typeof deliveryStepDue>, delaySeconds: number): Promise<void>;
}

export interface DeliveryLog {
  info(message: string, extra: Record<string, unknown>): void;
}

export interface DeliveryDeps {
  store: DeliveryStore;
  steps: StepScheduler;
  log: DeliveryLog;
  now: () => Date;
}
