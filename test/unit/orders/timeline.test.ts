import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';
import { fromDeliveryUpdated, fromPlaced, fromReady } from '../../../functions/orders/domain/timeline';

describe('status events as timeline entries', () => {
  test('order.placed moves the order to PLACED at the time it was paid', () => {
    expect(fromPlaced(orderPlaced.example)).toMatchObject({
      status: 'PLACED',
      entry: { eventId: orderPlaced.example.eventId, at: '2026-11-22T18:30:00.000Z' },
    });
  });

  test('order.ready names the kitchen worker who cooked it', () => {
    expect(fromReady(orderReady.example).entry).toMatchObject({
      status: 'READY',
      kitchenWorker: 'kitchen-1/3f2a',
      note: 'Cooked by kitchen-1/3f2a',
    });
  });

  test('order.delivery-updated carries its step and the driver', () => {
    expect(fromDeliveryUpdated(orderDeliveryUpdated.example)).toMatchObject({
      status: 'ASSIGNED',
      entry: { driverName: 'Max Mustermann', driverId: 'driver-1', note: 'Max Mustermann will deliver it' },
    });
  });

  test('times are written one way, so entries sort by when they happened', () => {
    const entry = fromReady({ ...orderReady.example, readyAt: '2026-11-22T18:36:10Z' }).entry;

    expect(entry.at).toBe('2026-11-22T18:36:10.000Z');
  });
});
