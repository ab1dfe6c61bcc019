import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { orderDeliveryUpdated } from '../../../events/pizza';
import { freeDrivers } from './drivers';
import { legLease } from './legs';
import { deliveryEvent } from './order';
import type { Assignment, DeliveryOrder, DeliveryStatus, DriverState, WaitingOrder } from './types';

/** The waiting orders, the one that waits longest first (ties by id). */
export function oldestFirst(waiting: WaitingOrder[]): WaitingOrder[] {
  return [...waiting].sort(
    (a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.orderId.localeCompare(b.orderId),
  );
}

/** Which waiting order goes to which free driver: the oldest orders to the longest-free drivers, one each. */
export function pairUp(
  waiting: WaitingOrder[],
  drivers: DriverState[],
): { order: WaitingOrder; driver: DriverState }[] {
  const free = freeDrivers(drivers);
  return oldestFirst(waiting)
    .slice(0, free.length)
    .map((order, index) => ({ order, driver: free[index]! }));
}

/**
 * A waiting order given to a free driver: the new order, driver and history entry, the event it causes, and
 * what must still hold when it is saved (the order still waiting, the driver still free and unchanged since
 * read), so two workers never give one driver two orders or one order two drivers.
 */
export interface AssignDecision {
  outcome: 'assign';
  order: DeliveryOrder;
  driver: DriverState;
  assignment: Assignment;
  expected: { orderStatus: DeliveryStatus; driverAssignments: number; driverFree: true };
  events: OutgoingEvent[];
}

export function assignDriver(
  order: DeliveryOrder,
  driver: DriverState,
  now: Date,
  travelMs: number,
): AssignDecision | { outcome: 'not-waiting' | 'driver-busy' } {
  if (order.status !== 'WAITING') return { outcome: 'not-waiting' };
  if (driver.orderId) return { outcome: 'driver-busy' };
  const at = now.toISOString();
  const number = driver.assignments + 1;
  const assigned: DeliveryOrder = {
    ...order,
    status: 'ASSIGNED',
    driverId: driver.driverId,
    driverName: driver.name,
    assignment: number,
    steps: { ...order.steps, ASSIGNED: at },
    leaseUntil: legLease(now, travelMs),
  };
  return {
    outcome: 'assign',
    order: assigned,
    driver: { ...driver, orderId: order.orderId, assignments: number },
    assignment: { driverId: driver.driverId, assignment: number, orderId: order.orderId, assignedAt: at },
    expected: { orderStatus: 'WAITING', driverAssignments: driver.assignments, driverFree: true },
    events: [outgoing(orderDeliveryUpdated, deliveryEvent(assigned, 'ASSIGNED'))],
  };
}
