import type { DeliveryStatus } from './types';

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

/** The leg that starts when an order reaches `status`, if any: its step message is due after the travel time. */
export function legAfter(status: DeliveryStatus): 'IN_TRANSIT' | 'DELIVERED' | undefined {
  if (status === 'ASSIGNED') return 'IN_TRANSIT';
  if (status === 'IN_TRANSIT') return 'DELIVERED';
  return undefined;
}

/** The message that makes a leg's end come: its id names the order and the step, so sending it twice is harmless. */
export function stepDue(order: { orderId: string; correlationId: string }, step: 'IN_TRANSIT' | 'DELIVERED') {
  return {
    eventId: `step#${order.orderId}#${step}`,
    correlationId: order.correlationId,
    orderId: order.orderId,
    step,
  };
}
