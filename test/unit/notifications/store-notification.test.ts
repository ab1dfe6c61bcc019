import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';
import type { Notification, OrderSummary } from '../../../functions/notifications/domain/notifications';
import type { NotificationStore } from '../../../functions/notifications/ports';
import { listMyNotifications } from '../../../functions/notifications/use-cases/list-my-notifications';
import { storeNotification } from '../../../functions/notifications/use-cases/store-notification';

/** The notifications table in memory: one message per event id, and each order's summary. */
class InMemoryNotificationStore implements NotificationStore {
  readonly notes = new Map<string, Notification>();
  readonly summaries = new Map<string, OrderSummary>();

  async add(notification: Notification) {
    if (this.notes.has(notification.eventId)) return false;
    this.notes.set(notification.eventId, notification);
    return true;
  }
  async rememberOrder(orderId: string, summary: OrderSummary) {
    this.summaries.set(orderId, summary);
  }
  async orderSummary(orderId: string) {
    return this.summaries.get(orderId);
  }
  async latest(userId: string, limit: number) {
    return [...this.notes.values()]
      .filter((n) => n.userId === userId)
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, limit);
  }
}

const placed = { ...orderPlaced.example, pizza: 'funghi', quantity: 2 };
const ready = { ...orderReady.example, orderId: placed.orderId, userId: placed.userId };

describe('storing order notifications', () => {
  test('the ready message names the pizza remembered from the placed order', async () => {
    const store = new InMemoryNotificationStore();
    await storeNotification({ store }, { kind: 'placed', event: placed });

    await storeNotification({ store }, { kind: 'ready', event: ready });

    expect(store.notes.get(ready.eventId)?.message).toBe(
      'Your 2 × funghi is ready; a driver picks it up next.',
    );
  });

  test('the same event twice stores one message', async () => {
    const store = new InMemoryNotificationStore();
    const update = { kind: 'delivery-updated' as const, event: orderDeliveryUpdated.example };
    await storeNotification({ store }, update);

    const again = await storeNotification({ store }, update);

    expect(again.stored).toBe(false);
    expect(store.notes.size).toBe(1);
  });
});

describe('listing my notifications', () => {
  test('shows only the caller messages, newest first, without the user id', async () => {
    const store = new InMemoryNotificationStore();
    await storeNotification({ store }, { kind: 'placed', event: placed });
    await storeNotification({ store }, { kind: 'ready', event: ready });
    await storeNotification(
      { store },
      { kind: 'placed', event: { ...placed, userId: 'someone-else', eventId: 'placed#x', orderId: 'x' } },
    );

    const { notifications } = await listMyNotifications({ store }, placed.userId);

    expect(notifications.map((n) => n.status)).toEqual(['READY', 'PLACED']);
    expect(notifications[0]).not.toHaveProperty('userId');
  });
});
