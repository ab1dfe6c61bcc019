import type { DELIVERY_STATUSES } from '../../../events/pizza';

export type DeliveryStep = (typeof DELIVERY_STATUSES)[number];
/** WAITING: ready, no driver free yet. Then the three steps customers hear about. */
export type DeliveryStatus = 'WAITING' | DeliveryStep;

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

export interface Assignment {
  driverId: string;
  /** The driver's sequence number of this assignment. */
  assignment: number;
  orderId: string;
  assignedAt: string;
  freedAt?: string;
}
