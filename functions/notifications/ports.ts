import type { Notification, OrderSummary } from './domain/notifications';

/** What the notifications use cases need of storage; adapters/dynamodb-notification-store.ts implements it. */
export interface NotificationStore {
  /** Stores the notification unless it is stored already (its key comes from the event); false if it was. */
  add(notification: Notification): Promise<boolean>;
  rememberOrder(orderId: string, summary: OrderSummary): Promise<void>;
  orderSummary(orderId: string): Promise<OrderSummary | undefined>;
  /** The user's latest notifications, newest first. */
  latest(userId: string, limit: number): Promise<Notification[]>;
}
