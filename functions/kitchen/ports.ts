import type { OutgoingEvent } from '../../events/define-event';
import type { CookedOrder, KitchenSettings, OrderClaim } from './domain/kitchen';

/** What the kitchen's use cases need of storage; adapters/dynamodb-kitchen-store.ts implements it. */
export interface KitchenStore {
  settings(): Promise<KitchenSettings>;
  cooked(orderId: string): Promise<CookedOrder | undefined>;
  /**
   * Claims the order for a kitchen before it cooks (a conditional write, domain mayClaim's rule): 'claimed', or
   * the claim that stands (another kitchen cooking it under a live lease, or the order cooked already).
   */
  claim(
    claim: OrderClaim,
    now: Date,
  ): Promise<{ claimed: true } | { claimed: false; current: OrderClaim | undefined }>;
  /**
   * Records the order as cooked, counts it for its kitchen, marks its claim COOKED and puts its events in the
   * outbox, in one transaction. An order is cooked at most once: if it already is, nothing is written and the
   * record that stands (the first) is returned.
   */
  recordCooked(
    cooked: CookedOrder,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<{ recorded: boolean; cooked: CookedOrder }>;
}

/** The oven: holds the order for its preparation time. */
export interface Oven {
  bake(ms: number): Promise<void>;
}
