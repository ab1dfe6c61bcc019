import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { orderDeliveryUpdated } from '../../../events/pizza';
import { legAfter, legLease } from './legs';
import { deliveryEvent } from './order';
import type { DeliveryOrder, DeliveryStatus, DeliveryStep } from './types';

const STEP_AFTER: Record<DeliveryStatus, DeliveryStep | undefined> = {
  WAITING: 'ASSIGNED',
  ASSIGNED: 'IN_TRANSIT',
  IN_TRANSIT: 'DELIVERED',
  DELIVERED: undefined,
};

/** The step after this status, if any. */
export function nextStep(status: DeliveryStatus): DeliveryStep | undefined {
  return STEP_AFTER[status];
}

export function statusBefore(step: DeliveryStep): DeliveryStatus {
  const before = (Object.keys(STEP_AFTER) as DeliveryStatus[]).find((s) => STEP_AFTER[s] === step);
  if (!before) throw new Error(`No status leads to ${step}`);
  return before;
}

const RANK: Record<DeliveryStatus, number> = { WAITING: 0, ASSIGNED: 1, IN_TRANSIT: 2, DELIVERED: 3 };

/**
 * What a due step does to an order in `current`: moves it on; or nothing, because a duplicate or late step
 * message finds it there already or further; or it is out of order (the order has not reached the step before).
 */
export function stepDecision(
  current: DeliveryStatus,
  step: DeliveryStep,
): 'advance' | 'done' | 'out-of-order' {
  if (RANK[current] >= RANK[step]) return 'done';
  return current === statusBefore(step) ? 'advance' : 'out-of-order';
}

/**
 * An order moved on by one step, the event it causes and what must still hold when it is saved (the order still
 * in the status before the step). At the door the driver is freed in the same change, if still on this order.
 */
export interface AdvanceDecision {
  outcome: 'advance';
  order: DeliveryOrder;
  expected: { orderStatus: DeliveryStatus };
  freed?: { driverId: string; assignment: number; orderId: string; at: string };
  events: OutgoingEvent[];
}

export function advanceOrder(
  order: DeliveryOrder,
  step: Exclude<DeliveryStep, 'ASSIGNED'>,
  now: Date,
  travelMs: number,
): AdvanceDecision | { outcome: 'done' | 'out-of-order' } {
  const decision = stepDecision(order.status, step);
  if (decision !== 'advance') return { outcome: decision };
  const at = now.toISOString();
  const { leaseUntil: _ended, ...rest } = order;
  const moved: DeliveryOrder = {
    ...rest,
    status: step,
    steps: { ...order.steps, [step]: at },
    // The next leg holds the driver; at the door nothing does.
    ...(legAfter(step) ? { leaseUntil: legLease(now, travelMs) } : {}),
  };
  const freed =
    step === 'DELIVERED' && order.driverId && order.assignment !== undefined
      ? { driverId: order.driverId, assignment: order.assignment, orderId: order.orderId, at }
      : undefined;
  return {
    outcome: 'advance',
    order: moved,
    expected: { orderStatus: order.status },
    freed,
    events: [outgoing(orderDeliveryUpdated, deliveryEvent(moved, step))],
  };
}
