import type { OrderView } from '../../functions/orders/domain/order-view';
import type { PaymentMode } from '../../functions/payments/domain/payment';
import { trace } from '../../scripts/lib/trace';
import { paymentsRepository } from '../../scripts/payments';
import type { ErrorView } from '../support/pet-views';
import { eventually, newPlayer, outputs, type Player } from '../support/platform';

jest.setTimeout(90_000);

type OrderAnswer = OrderView & ErrorView & { orderId: string };

const payments = paymentsRepository(outputs);
async function whilePayments<T>(mode: PaymentMode, act: () => Promise<T>): Promise<T> {
  await payments.setMode(mode, new Date());
  try {
    return await act();
  } finally {
    await payments.setMode('on', new Date());
  }
}
const order = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1, 10115 Berlin' };
const PAID_STATUSES = ['PLACED', 'READY', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED'];

/**
 * Waits until the payments function has logged the end of its charge invocation for this order: in 'late' mode
 * that is after its late write (about 3 s after the deadline check), whatever that write found.
 */
async function chargeInvocationEnded(orderId: string): Promise<void> {
  await eventually(
    async () =>
      (await trace(orderId)).some(
        (line) =>
          line.service === 'payments' &&
          line.fields.orderId === orderId &&
          line.fields.operation !== 'settle' &&
          /charge/.test(line.message),
      ),
    { what: `the end of the charge invocation for ${orderId}`, timeoutMs: 20_000, intervalMs: 500 },
  );
}

/**
 * What the customer ends with, for every order they made: paid orders and paid charges must be the same set.
 * Never charged-and-failed (a paid charge for an order that is not placed), never placed-and-unpaid.
 */
async function customerIsWhole(player: Player) {
  const listed = (await player.api.get<{ orders: OrderView[] }>('/orders')).body.orders;
  const charges = (await payments.chargesOfUser(player.userId)).filter((c) => c.outcome === 'paid');
  const chargedOrders = charges.map((c) => c.orderId).sort();
  const placedOrders = listed
    .filter((o) => PAID_STATUSES.includes(o.status))
    .map((o) => o.orderId)
    .sort();
  expect(placedOrders).toEqual(chargedOrders);
  expect(new Set(chargedOrders).size).toBe(chargedOrders.length);
  return { listed, charges };
}

describe('never charged-and-failed: a payment that lands after the orders deadline', () => {
  let carol: Player;

  beforeAll(async () => {
    carol = await newPlayer();
    await payments.setMode('on', new Date());
  });

  afterAll(async () => {
    await payments.setMode('on', new Date());
  });

  test('a charge written after the 2 s deadline: either a placed order and one charge, or no placed order and no charge', async () => {
    const answer = await whilePayments('late', () => carol.api.post<OrderAnswer>('/orders', order));
    const orderId = answer.body.orderId;
    expect(orderId).toMatch(/^ord_/);
    await chargeInvocationEnded(orderId);

    const settled = (await carol.api.get<OrderView>(`/orders/${orderId}`)).body;
    const paid = (await payments.chargesOfUser(carol.userId)).filter(
      (c) => c.orderId === orderId && c.outcome === 'paid',
    );
    if (answer.status === 201) {
      expect(PAID_STATUSES).toContain(settled.status);
      expect(paid).toHaveLength(1);
    } else {
      expect(answer.status).toBe(503);
      expect(PAID_STATUSES).not.toContain(settled.status);
      expect(paid).toEqual([]);
    }
    await customerIsWhole(carol);
  });
});
