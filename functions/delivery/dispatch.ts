import type { Logger } from '@aws-lambda-powertools/logger';
import { orderDeliveryUpdated } from '../../events/pizza';
import type { EventPublisher } from '../../shared/messaging/event-publisher';
import type { DeliveryRepository } from './adapters/delivery-repository';
import type { StepScheduler } from './adapters/step-scheduler';
import { DRIVERS, deliveryEvent, pairUp, stepDelaySeconds, stepDue } from './domain/delivery';

export interface DispatchDeps {
  deliveries: DeliveryRepository;
  publisher: EventPublisher;
  steps: StepScheduler;
  logger: Logger;
  now: () => Date;
}

/**
 * Rounds of "read, pair, assign" before giving up to workers that keep winning the same drivers. Giving up
 * fails the message, so it comes back and the run starts again: a waiting order is never left behind silently.
 */
const MAX_ROUNDS = 10;
let driversSeeded = false;

/**
 * Gives waiting orders to free drivers until one of the two runs out, then makes the announcements still due.
 *
 * Every handler of the service ends here: an order that joins the waiting list runs it after its own write, and
 * a driver who delivered runs it after being freed. Whichever of the two writes comes second, its run reads the
 * other's (the reads are consistent), so a waiting order and a free driver never miss each other. Conflicting
 * runs lose a condition, read again and go on; none hands out a driver twice.
 */
export async function dispatch(deps: DispatchDeps): Promise<void> {
  const { deliveries, logger } = deps;
  if (!driversSeeded) {
    await deliveries.seedDrivers(deps.now());
    driversSeeded = true;
  }
  for (let round = 0; ; round++) {
    const waiting = await deliveries.waiting(DRIVERS.length);
    if (waiting.length === 0) break;
    const pairs = pairUp(waiting, await deliveries.drivers());
    if (pairs.length === 0) {
      logger.info('no driver free; orders wait', { waiting: waiting.length });
      break;
    }
    if (round === MAX_ROUNDS) {
      // What was assigned so far is announced; the rest is for the retry.
      await announce(deps);
      throw new Error(
        `dispatch gave up after ${MAX_ROUNDS} rounds with ${pairs.length} order(s) and free driver(s) left; retrying`,
      );
    }
    for (const { order, driver } of pairs) {
      const assigned = await deliveries.assign(order, driver, deps.now());
      logger.info(assigned ? 'driver assigned' : 'lost the driver or the order to another worker', {
        orderId: order.orderId,
        driverId: driver.driverId,
      });
    }
  }
  await announce(deps);
}

/** ASSIGNED on the bus and the first leg on the steps queue, for each assignment not yet announced. */
async function announce(deps: DispatchDeps): Promise<void> {
  const { deliveries } = deps;
  const pending = await deliveries.pendingAnnouncements();
  if (pending.length === 0) return;
  const { travelMs } = await deliveries.settings();
  for (const orderId of pending) {
    const order = await deliveries.order(orderId);
    if (order?.steps.ASSIGNED) {
      await deps.publisher.publish(orderDeliveryUpdated, deliveryEvent(order, 'ASSIGNED'));
      await deps.steps.schedule(stepDue(order, 'IN_TRANSIT'), stepDelaySeconds(travelMs));
    }
    await deliveries.announced(orderId);
  }
}
