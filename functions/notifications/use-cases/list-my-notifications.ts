import type { Notification } from '../domain/notifications';
import type { NotificationStore } from '../ports';

export const NOTIFICATIONS_LIMIT = 50;

export type NotificationView = Pick<Notification, 'orderId' | 'eventId' | 'status' | 'message' | 'at'>;

/** The caller's latest messages about their orders, newest first, without what only the store needs. */
export async function listMyNotifications(
  deps: { store: NotificationStore },
  userId: string,
): Promise<{ notifications: NotificationView[] }> {
  const latest = await deps.store.latest(userId, NOTIFICATIONS_LIMIT);
  return {
    notifications: latest.map(({ orderId, eventId, status, message, at }) => ({
      orderId,
      eventId,
      status,
      message,
      at,
    })),
  };
}
