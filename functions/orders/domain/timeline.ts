import type { OrderDeliveryUpdated, OrderPlaced, OrderReady } from '../../../events/pizza';
import { canonicalTime, type OrderStatus, type TimelineEntry } from './order';

/** A status event, as the order's timeline records it: what happened, when, and who did it. */
export interface StatusUpdate {
  orderId: string;
  status: OrderStatus;
  entry: TimelineEntry;
}

export function fromPlaced(detail: OrderPlaced): StatusUpdate {
  return {
    orderId: detail.orderId,
    status: 'PLACED',
    entry: {
      status: 'PLACED',
      at: canonicalTime(detail.placedAt),
      eventId: detail.eventId,
      note: 'Sent to the kitchen',
    },
  };
}

export function fromReady(detail: OrderReady): StatusUpdate {
  return {
    orderId: detail.orderId,
    status: 'READY',
    entry: {
      status: 'READY',
      at: canonicalTime(detail.readyAt),
      eventId: detail.eventId,
      note: `Cooked by ${detail.kitchenWorker}`,
      kitchenWorker: detail.kitchenWorker,
    },
  };
}

const DELIVERY_NOTES = {
  ASSIGNED: (driver: string) => `${driver} will deliver it`,
  IN_TRANSIT: (driver: string) => `${driver} is on the way`,
  DELIVERED: (driver: string) => `Delivered by ${driver}`,
} as const;

export function fromDeliveryUpdated(detail: OrderDeliveryUpdated): StatusUpdate {
  return {
    orderId: detail.orderId,
    status: detail.status,
    entry: {
      status: detail.status,
      at: canonicalTime(detail.at),
      eventId: detail.eventId,
      note: DELIVERY_NOTES[detail.status](detail.driverName),
      driverId: detail.driverId,
      driverName: detail.driverName,
    },
  };
}
