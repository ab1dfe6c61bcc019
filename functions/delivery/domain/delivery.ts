import { type EventInput, type OutgoingEvent, outgoing } from '../../../events/define-event';
import { DELIVERY_STATUSES, orderDeliveryUpdated } from '../../../events/pizza';

/** The pool of drivers. Seeded into the table on first use; an id never changes. */
export const DRIVERS: readonly { driverId: string; name: string }[] = [
  { driverId: 'driver-1', name: 'Max Mustermann' },
  { driverId: 'driver-2', name: 'Anna Schmidt' },
  { driverId: 'driver-3', name: 'Peter Mueller' },
  { driverId: 'driver-4', name: 'Lisa Weber' },
  { driverId: 'driver-5', name: 'Tom Fischer' },
];

export type DeliveryStep = (typeof DELIVERY_STATUSES)[number];
/** WAITING: ready, no driver free yet. Then the three steps customers hear about. */
export type DeliveryStatus = 'WAITING' | DeliveryStep;

export interface DeliverySettings {
  /** How long each leg takes: to the kitchen (ASSIGNED → IN_TRANSIT) and to the door (→ DELIVERED). */
  travelMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { travelMs: 3000 };
/** SQS delays a message at most 15 minutes. */
export const MAX_TRAVEL_MS = 900_000;

export function settingsFrom(stored: Partial<DeliverySettings> | undefined): DeliverySettings {
  return { travelMs: stored?.travelMs ?? DEFAULT_DELIVERY_SETTINGS.travelMs };
}

export function checkTravelMs(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TRAVEL_MS) {
    throw new Error(`Travel time needs a whole number of ms in 0..${MAX_TRAVEL_MS}, not ${ms}.`);
  }
  return ms;
}

/** The SQS DelaySeconds that makes a leg of `travelMs` pass before its step message shows: whole seconds, up. */
export function stepDelaySeconds(travelMs: number): number {
  return Math.min(900, Math.max(0, Math.ceil(travelMs / 1000)));
}

/**
 * How long after a leg's step message was due the driver's assignment is kept without it: then the sweeper takes
 * the step itself (a step message that was never sent, because the worker died after its commit, or one that was
 * dead-lettered). Well past a healthy step's lateness (the steps queue shows a message within a second or two of
 * its delay), so a healthy delivery is never swept. A step whose message is still being retried after a failure may
 * be taken by the sweeper first: both run the same conditional change, so whichever comes second changes nothing.
 */
export const LEG_GRACE_MS = 60_000;

/** Until when a leg that starts at `now` holds its driver: the step is due after the leg, plus the grace. */
export function legLease(now: Date, travelMs: number): string {
  return new Date(now.getTime() + stepDelaySeconds(travelMs) * 1000 + LEG_GRACE_MS).toISOString();
}

export interface DriverState {
  driverId: string;
  name: string;
  /** The order the driver is on; absent when free. */
  orderId?: string;
  /** How many orders the driver has been given: the sequence number of the latest assignment. */
  assignments: number;
  /** When the driver last became free (seeded drivers: when seeded). */
  freeSince: string;
}

export interface WaitingOrder {
  orderId: string;
  /** When it joined the waiting list: who waits longest is served first. */
  waitingSince: string;
}

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

/** Free drivers, the one free longest first (ties by id), so the work is spread over the pool. */
export function freeDrivers(drivers: DriverState[]): DriverState[] {
  return drivers
    .filter((d) => !d.orderId)
    .sort((a, b) => a.freeSince.localeCompare(b.freeSince) || a.driverId.localeCompare(b.driverId));
}

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

export interface DeliveryOrder {
  orderId: string;
  userId: string;
  correlationId: string;
  status: DeliveryStatus;
  readyAt: string;
  waitingSince: string;
  driverId?: string;
  driverName?: string;
  /** The driver's assignment number for this order (its history item). */
  assignment?: number;
  /** When each step happened. */
  steps: Partial<Record<DeliveryStep, string>>;
  /**
   * While a driver is on the order (ASSIGNED, IN_TRANSIT): until when the current leg holds them, its step due
   * plus a grace (legLease). Past it the sweeper takes the step (sweptStep). Gone once DELIVERED.
   */
  leaseUntil?: string;
}

/** The event of a step. Its id names the order and the step, so announcing a step twice is harmless. */
export function deliveryEvent(
  order: DeliveryOrder,
  step: DeliveryStep,
): EventInput<typeof orderDeliveryUpdated> {
  if (!order.driverId || !order.driverName) throw new Error(`Order ${order.orderId} has no driver`);
  const at = order.steps[step];
  if (!at) throw new Error(`Order ${order.orderId} has not reached ${step}`);
  return {
    eventId: `delivery#${order.orderId}#${step}`,
    correlationId: order.correlationId,
    orderId: order.orderId,
    userId: order.userId,
    status: step,
    driverId: order.driverId,
    driverName: order.driverName,
    at,
  };
}

/** A ready order as delivery first knows it: waiting for a driver from now on. */
export function waitingOrder(
  ready: { orderId: string; userId: string; readyAt: string },
  correlationId: string,
  now: Date,
): DeliveryOrder {
  return {
    orderId: ready.orderId,
    userId: ready.userId,
    correlationId,
    status: 'WAITING',
    readyAt: ready.readyAt,
    waitingSince: now.toISOString(),
    steps: {},
  };
}

export interface Assignment {
  driverId: string;
  /** The driver's sequence number of this assignment. */
  assignment: number;
  orderId: string;
  assignedAt: string;
  freedAt?: string;
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

/** The leg that starts when an order reaches `status`, if any: its step message is due after the travel time. */
export function legAfter(status: DeliveryStatus): 'IN_TRANSIT' | 'DELIVERED' | undefined {
  if (status === 'ASSIGNED') return 'IN_TRANSIT';
  if (status === 'IN_TRANSIT') return 'DELIVERED';
  return undefined;
}

export { DELIVERY_STATUSES };

/** The message that makes a leg's end come: its id names the order and the step, so sending it twice is harmless. */
export function stepDue(order: { orderId: string; correlationId: string }, step: 'IN_TRANSIT' | 'DELIVERED') {
  return {
    eventId: `step#${order.orderId}#${step}`,
    correlationId: order.correlationId,
    orderId: order.orderId,
    step,
  };
}

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
