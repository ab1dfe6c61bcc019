import { AppError } from '../../../shared/errors';
import { advanceOrder } from '../domain/advance';
import { legAfter, stepDelaySeconds, stepDue } from '../domain/legs';
import type { DeliveryStep } from '../domain/types';
import type { DeliveryDeps } from '../ports';
import { dispatchDrivers } from './dispatch-drivers';

export type AdvanceDeliveryResult = { outcome: 'unknown-order' } | { outcome: 'advanced' | 'done' };

/** A step that arrived before the state it follows: retried until that state is there. */
export class StepTooEarlyError extends AppError {
  constructor(message: string) {
    super('STEP_TOO_EARLY', message);
  }
}

/**
 * One step of a delivery, when its leg's travel time has passed: the order moves on (IN_TRANSIT, then
 * DELIVERED) and the step's event is saved with it; at the door the driver is freed in the same transaction and
 * takes the order that waits longest; on the way the next leg's step message is sent, and the next leg's lease
 * saved with the step. A repeated step changes nothing and only sends the next leg's message again (same id), in
 * case sending it failed the first time. The step message runs this, and so does the sweeper for a leg whose
 * message never came (sweep-deliveries.ts): whichever comes second finds the step done.
 */
export async function advanceDelivery(
  deps: DeliveryDeps,
  input: { orderId: string; step: Exclude<DeliveryStep, 'ASSIGNED'> },
): Promise<AdvanceDeliveryResult> {
  const { store } = deps;
  const order = await store.order(input.orderId);
  if (!order) return { outcome: 'unknown-order' };
  const { travelMs } = await store.settings();
  const now = deps.now();
  const decision = advanceOrder(order, input.step, now, travelMs);
  if (decision.outcome === 'out-of-order') {
    // The step before is not recorded yet: fail, so the message comes back later.
    throw new StepTooEarlyError(`order ${order.orderId} is ${order.status}; ${input.step} cannot come yet`);
  }
  let current = order;
  if (decision.outcome === 'advance') {
    // A lost condition means another delivery of this message moved it first: read what stands.
    current = (await store.advance(decision, now))
      ? decision.order
      : ((await store.order(order.orderId)) ?? order);
    deps.log.info('delivery step', { orderId: order.orderId, step: input.step, driverId: order.driverId });
  }
  const leg = current.status === input.step ? legAfter(current.status) : undefined;
  if (leg) await deps.steps.schedule(stepDue(current, leg), stepDelaySeconds(travelMs));
  await dispatchDrivers(deps);
  return { outcome: decision.outcome === 'advance' ? 'advanced' : 'done' };
}
