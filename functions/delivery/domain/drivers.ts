import type { DriverState } from './types';

/** The pool of drivers. Seeded into the table on first use; an id never changes. */
export const DRIVERS: readonly { driverId: string; name: string }[] = [
  { driverId: 'driver-1', name: 'Max Mustermann' },
  { driverId: 'driver-2', name: 'Anna Schmidt' },
  { driverId: 'driver-3', name: 'Peter Mueller' },
  { driverId: 'driver-4', name: 'Lisa Weber' },
  { driverId: 'driver-5', name: 'Tom Fischer' },
];

/** Free drivers, the one free longest first (ties by id), so the work is spread over the pool. */
export function freeDrivers(drivers: DriverState[]): DriverState[] {
  return drivers
    .filter((d) => !d.orderId)
    .sort((a, b) => a.freeSince.localeCompare(b.freeSince) || a.driverId.localeCompare(b.driverId));
}
