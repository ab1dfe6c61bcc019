import { randomUUID } from 'node:crypto';
import { orderDeliveryUpdated, orderPlaced } from '../../events/pizza';
import type { DeliverySettings } from '../../functions/delivery/domain/legs';
import type { KitchenSettings } from '../../functions/kitchen/domain/kitchen';
import type { NotificationsView } from '../../functions/notifications/handlers/list-my-notifications';
import { deliveryOperator } from '../../scripts/lib/delivery';
import { kitchenOperator } from '../../scripts/lib/kitchen';
import { eventually, newPlayer, outputs, type Player, publish, queuesSettled } from '../support/platform';

jest.setTimeout(120_000);

const kitchen = kitchenOperator(outputs);
const delivery = deliveryOperator(outputs);
const notificationsOf = async (player: Player) =>
  (await player.api.get<NotificationsView>('/notifications')).body.notifications;

const placed = (player: Player) => {
  const orderId = `ord_n_${randomUUID().slice(0, 12)}`;
  return {
    eventId: `placed#${orderId}`,
    correlationId: `test-${randomUUID()}`,
    orderId,
    userId: player.userId,
    pizza: 'margherita',
    quantity: 1,
    address: 'Hauptstrasse 1, 10115 Berlin',
    amountCents: 1599,
    placedAt: new Date().toISOString(),
  };
};

let kitchenBefore: KitchenSettings;
let deliveryBefore: DeliverySettings;
beforeAll(async () => {
  kitchenBefore = await kitchen.repository.settings();
  deliveryBefore = await delivery.settings();
  await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0, fault: false });
  await delivery.updateSettings({ travelMs: 0 });
});
afterAll(async () => {
  await kitchen.repository.updateSettings(kitchenBefore);
  await delivery.updateSettings(deliveryBefore);
});

describe('GET /notifications', () => {
  test('a customer hears of every status of their order, newest first', async () => {
    const player = await newPlayer();
    const order = placed(player);

    await publish(orderPlaced, order);

    const list = await eventually(
      async () => {
        const notes = await notificationsOf(player);
        return notes.length >= 5 ? notes : undefined;
      },
      { what: 'five notifications', timeoutMs: 60_000, intervalMs: 500 },
    );
    const driver = (await delivery.order(order.orderId))!.driverName!;
    expect(list.map((n) => [n.status, n.message])).toEqual([
      ['DELIVERED', 'Delivered — enjoy!'],
      ['IN_TRANSIT', `${driver} is on the way.`],
      ['ASSIGNED', `${driver} will bring your order.`],
      ['READY', 'Your margherita is ready; a driver picks it up next.'],
      ['PLACED', 'Your margherita order is paid and in the oven.'],
    ]);
    expect(list.every((n) => n.orderId === order.orderId)).toBe(true);
  });

  test('a status event that arrives twice is one notification, and only its owner sees it', async () => {
    const owner = await newPlayer();
    const stranger = await newPlayer();
    const update = {
      ...orderDeliveryUpdated.example,
      orderId: `ord_n_${randomUUID().slice(0, 12)}`,
      userId: owner.userId,
      status: 'IN_TRANSIT' as const,
      driverName: 'Lisa Weber',
      at: new Date().toISOString(),
    };
    update.eventId = `delivery#${update.orderId}#IN_TRANSIT`;

    await publish(orderDeliveryUpdated, [update, update]);

    await eventually(async () => (await notificationsOf(owner)).length > 0, { what: 'the notification' });
    await queuesSettled([outputs.NotificationsQueueUrl]);
    expect((await notificationsOf(owner)).map((n) => n.message)).toEqual(['Lisa Weber is on the way.']);
    expect(await notificationsOf(stranger)).toEqual([]);
  });
});
