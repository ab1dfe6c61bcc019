import { sweptStep } from '../domain/sweep';
import type { DeliveryDeps } from '../ports';
import { advanceDelivery } from './advance-delivery';
import { dispatchDrivers } from './dispatch-drivers';

export interface SweepReport {
  /** Drivers on an order. */
  busy: number;
  /** Orders whose leg ran past its lease without its step: the sweeper took the step. */
  stepped: string[];
  /** Drivers freed from an order that did not hold them. */
  released: string[];
  /** Orders the sweeper could not move on this time (logged; the next sweep tries again). */
  failed: string[];
  /** Waiting orders given a driver by the dispatch that ends the sweep. */
  assigned: string[];
}

/**
 * The safety net under the delivery's step messages, run on a schedule: no driver stays on an order forever.
 * For each driver on an order, past the order's lease (its leg's step due, plus a grace) the sweeper takes the
 * leg's step itself, with the same use case and conditions as the step message, so a late message, a redriven
 * one or a second sweep finds the step done and changes nothing; at the door the driver is freed as usual. A
 * driver whose order does not hold them is freed. A healthy delivery (inside its lease) is not touched. Then the
 * dispatcher runs, as at the end of every handler, for orders that wait.
 */
export async function sweepDeliveries(deps: DeliveryDeps): Promise<SweepReport> {
  const { store, log } = deps;
  const report: SweepReport = { busy: 0, stepped: [], released: [], failed: [], assigned: [] };
  for (const driver of await store.drivers()) {
    if (!driver.orderId) continue;
    report.busy++;
    const orderId = driver.orderId;
    try {
      const order = await store.order(orderId);
      const now = deps.now();
      const verdict = sweptStep(order, driver, now);
      if (verdict === 'healthy') continue;
      if (verdict === 'release') {
        const released = await store.release({
          driverId: driver.driverId,
          orderId,
          assignment: driver.assignments,
          at: now.toISOString(),
        });
        if (released) report.released.push(driver.driverId);
        log.info(released ? 'driver released by the sweeper' : 'driver changed meanwhile; left alone', {
          driverId: driver.driverId,
          orderId,
          status: order?.status,
        });
        continue;
      }
      log.info('leg past its lease without its step; the sweeper takes it', {
        orderId,
        driverId: driver.driverId,
        status: order!.status,
        step: verdict.step,
        leaseUntil: order!.leaseUntil,
      });
      await advanceDelivery(deps, { orderId, step: verdict.step });
      report.stepped.push(orderId);
    } catch (error) {
      report.failed.push(orderId);
      log.info('the sweeper could not move this delivery on; the next sweep tries again', {
        orderId,
        driverId: driver.driverId,
        error: (error as Error).message,
      });
    }
  }
  report.assigned = (await dispatchDrivers(deps)).assigned;
  return report;
}
