import type { StatusUpdate } from '../domain/timeline';
import type { OrderStatuses } from '../ports';

export type RecordStatusResult =
  | { outcome: 'unknown-order' }
  | { outcome: 'recorded'; entryAdded: boolean; moved: 'advanced' | 'kept' };

/**
 * Each status event once on the order's timeline, and the order's status moved forward only. The entry is
 * written first and the status after, each on its own idempotent condition, so a retry after a crash in between
 * completes what was left.
 */
export async function recordOrderStatus(
  deps: { orders: OrderStatuses; now: () => Date },
  update: StatusUpdate,
): Promise<RecordStatusResult> {
  // An order the orders service never took: nothing to attach it to, and retrying would not change that.
  if (!(await deps.orders.get(update.orderId))) return { outcome: 'unknown-order' };
  const entryAdded = await deps.orders.addTimelineEntry(update.orderId, update.entry);
  const moved = await deps.orders.advanceStatus(update.orderId, update.status, deps.now());
  return { outcome: 'recorded', entryAdded, moved };
}
