import { assignDriver, pairUp } from '../domain/dispatch';
import { DRIVERS } from '../domain/drivers';
import { stepDelaySeconds, stepDue } from '../domain/legs';
import type { DeliveryDeps } from '../ports';

/**
 * Rounds of "read, pair, assign" before giving up to workers that keep winning the same drivers. Giving up
 * fails the message, so it comes back and the run starts again: a waiting order is never left behind silently.
 */
const MAX_ROUNDS = 10;
let driversSeeded = false;

/**
 * Gives waiting orders to free drivers until one of the two runs out. Each assignment is saved with its
 * ASSIGNED event (the outbox), then its first leg's step message is sent.
 *
 * Both use cases of the service end here: an order that joins the waiting list runs it after its own write, and
 * a driver who delivered runs it after being freed. Whichever of the two writes comes second, its run reads the
 * other's (the reads are consistent), so a waiting order and a free driver never miss each other. Conflicting
 * runs lose a condition, read again and go on; none hands out a driver twice.
 */
export async function dispatchDrivers(deps: DeliveryDeps): Promise<{ assigned: string[] }> {
  const { store, log } = deps;
  if (!driversSeeded) {
    await store.seedDrivers(deps.now());
    driversSeeded = true;
  }
  const assigned: string[] = [];
  let travelMs: number | undefined;
  for (let round = 0; ; round++) {
    const waiting = await store.waiting(DRIVERS.length);
    if (waiting.length === 0) break;
    const pairs = pairUp(waiting, await store.drivers());
    if (pairs.length === 0) {
      log.info('no driver free; orders wait', { waiting: waiting.length });
      break;
    }
    if (round === MAX_ROUNDS) {
      throw new Error(
        `dispatch gave up after ${MAX_ROUNDS} rounds with ${pairs.length} order(s) and free driver(s) left; retrying`,
      );
    }
    for (const pair of pairs) {
      const order = await store.order(pair.order.orderId);
      if (!order) continue;
      travelMs ??= (await store.settings()).travelMs;
      const now = deps.now();
      const decision = assignDriver(order, pair.driver, now, travelMs);
      const saved = decision.outcome === 'assign' && (await store.assign(decision, now));
      log.info(saved ? 'driver assigned' : 'lost the driver or the order to another worker', {
        orderId: order.orderId,
        driverId: pair.driver.driverId,
      });
      if (!saved) continue;
      assigned.push(order.orderId);
      // A worker that dies here leaves the order ASSIGNED without its step message: its lease (saved with the
      // assignment) runs out, and the sweeper takes the step (sweep-deliveries.ts).
      await deps.steps.schedule(stepDue(order, 'IN_TRANSIT'), stepDelaySeconds(travelMs));
    }
  }
  return { assigned };
}
