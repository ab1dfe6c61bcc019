import type { OutgoingEvent } from '../../events/define-event';
import type { CookedOrder, KitchenSettings } from './domain/kitchen';

/** What the kitchen's use cases need of storage; adapters/dynamodb-kitchen-store.ts implements it. */
export interface KitchenStore {
  settings(): Promise<KitchenSettings>;
  cooked(orderId: string): Promise<CookedOrder | undefined>;
  /**
   * Records the order as cooked, counts it for its kitchen and puts its events in the outbox, in one
   * transaction. An order is cooked at most once: if it already is, nothing is written and the record that
   * stands (the first) is returned.
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
