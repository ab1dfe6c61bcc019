import type { OrderReady } from '../../../events/pizza';
import { waitingOrder } from '../domain/order';
import type { DeliveryDeps } from '../ports';
import { dispatchDrivers } from './dispatch-drivers';

/** A cooked order joins the waiting list and gets the longest-free driver, or waits until one is free. */
export async function receiveReadyOrder(
  deps: DeliveryDeps,
  ready: Pick<OrderReady, 'orderId' | 'userId' | 'readyAt'>,
  correlationId: string,
): Promise<{ known: boolean; assigned: string[] }> {
  const added = await deps.store.enqueue(waitingOrder(ready, correlationId, deps.now()));
  if (!added) deps.log.info('order already known to delivery', { orderId: ready.orderId });
  const { assigned } = await dispatchDrivers(deps);
  return { known: !added, assigned };
}
