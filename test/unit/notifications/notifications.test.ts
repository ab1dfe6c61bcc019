import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';
import {
  deliveryNotification,
  newestFirst,
  placedNotification,
  readyNotification,
} from '../../../functions/notifications/domain/notifications';

const placed = { ...orderPlaced.example, pizza: 'margherita', quantity: 1 };
const delivery = (status: 'ASSIGNED' | 'IN_TRANSIT' | 'DELIVERED') => ({
  ...orderDeliveryUpdated.example,
  status,
  driverName: 'Anna Schmidt',
  eventId: `delivery#${orderDeliveryUpdated.example.orderId}#${status}`,
});

describe('what a customer is told', () => {
  test('a paid order of one pizza is in the oven', () => {
    expect(placedNotification(placed)).toMatchObject({
      status: 'PLACED',
      message: 'Your margherita order is paid and in the oven.',
      userId: placed.userId,
      orderId: placed.orderId,
      eventId: placed.eventId,
      at: placed.placedAt,
    });
  });

  test('several pizzas are counted', () => {
    expect(placedNotification({ ...placed, quantity: 3 }).message).toBe(
      'Your 3 × margherita order is paid and in the oven.',
    );
  });

  test('a ready order names the pizza when the order is known, else just "pizza"', () => {
    expect(readyNotification(orderReady.example, { pizza: 'funghi', quantity: 1 }).message).toBe(
      'Your funghi is ready; a driver picks it up next.',
    );
    expect(readyNotification(orderReady.example, undefined)).toMatchObject({
      status: 'READY',
      message: 'Your pizza is ready; a driver picks it up next.',
      at: orderReady.example.readyAt,
    });
  });

  test('each delivery step names the driver until the pizza is delivered', () => {
    expect(
      ['ASSIGNED', 'IN_TRANSIT', 'DELIVERED'].map(
        (s) => deliveryNotification(delivery(s as 'ASSIGNED')).message,
      ),
    ).toEqual(['Anna Schmidt will bring your order.', 'Anna Schmidt is on the way.', 'Delivered — enjoy!']);
  });

  test('the list shows the newest first, and no more than asked', () => {
    const at = (time: string, eventId: string) => ({ ...placedNotification(placed), at: time, eventId });
    const list = [
      at('2026-01-01T10:00:00Z', 'a'),
      at('2026-01-01T12:00:00Z', 'b'),
      at('2026-01-01T11:00:00Z', 'c'),
    ];

    expect(newestFirst(list, 2).map((n) => n.eventId)).toEqual(['b', 'c']);
  });
});
