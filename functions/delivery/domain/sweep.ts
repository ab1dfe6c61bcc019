import { LEG_GRACE_MS, legAfter, MAX_TRAVEL_MS } from './legs';
import type { DeliveryOrder, DeliveryStep, DriverState } from './types';

/**
 * What the sweeper does about a driver who is on an order (`driver.orderId`), given that order as stored:
 * - 'healthy': the order's current leg is still within its lease; its step message will come.
 * - a step: the lease ran out and the leg's step never came (its message was never sent, or was dead-lettered):
 *   the sweeper takes that step itself, through the same conditional change as the step message.
 * - 'release': the order does not hold this driver (unknown, delivered, or on another assignment): nothing will
 *   ever free the driver, so the sweeper does.
 * An order stored before leases has none: it counts as holding its driver for the longest leg plus the grace.
 */
export function sweptStep(
  order: DeliveryOrder | undefined,
  driver: DriverState,
  now: Date,
): 'healthy' | 'release' | { step: 'IN_TRANSIT' | 'DELIVERED' } {
  const step = order ? legAfter(order.status) : undefined;
  if (
    !order ||
    !step ||
    order.driverId !== driver.driverId ||
    (order.assignment !== undefined && order.assignment !== driver.assignments)
  ) {
    return 'release';
  }
  const lease =
    order.leaseUntil ??
    new Date(
      Date.parse(order.steps[order.status as DeliveryStep] ?? order.waitingSince) +
        MAX_TRAVEL_MS +
        LEG_GRACE_MS,
    ).toISOString();
  return lease <= now.toISOString() ? { step } : 'healthy';
}

/** What the sweeper's schedule sends the step function (infra delivery-service.ts); a test or an operator may too. */
export const SWEEP_INPUT = { sweep: 'deliveries' } as const;

/**
 * A driver freed by the sweeper from an order that does not hold them (sweptStep 'release'), if they are still on
 * that order and that assignment: the order and its events are not touched.
 */
export interface ReleaseDecision {
  driverId: string;
  orderId: string;
  assignment: number;
  at: string;
}
