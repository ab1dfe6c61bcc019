import { randomUUID } from 'node:crypto';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { OrderView } from '../../functions/orders/domain/order-view';
import type { ReconcileReport } from '../../functions/orders/use-cases/reconcile-payments';
import type { PaymentMode } from '../../functions/payments/domain/payment';
import { clientConfig } from '../../scripts/lib/target';
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
/** The reconciler's run, as an operator starts it: no grace period, every unsettled order. */
async function reconcileNow(): Promise<ReconcileReport> {
  const result = await new LambdaClient(clientConfig()).send(
    new InvokeCommand({
      FunctionName: outputs.PaymentsReconcilerFunctionName,
      Payload: Buffer.from(JSON.stringify({ olderThanSeconds: 0 })),
    }),
  );
  const text = Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8');
  if (result.FunctionError) throw new Error(`the reconciler failed: ${text}`);
  return JSON.parse(text) as ReconcileReport;
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

  test('the late charge found the attempt voided by the orders service’s settle: 503, PAYMENT_FAILED, nothing charged', async () => {
    const answer = await whilePayments('late', () => carol.api.post<OrderAnswer>('/orders', order));
    await chargeInvocationEnded(answer.body.orderId);

    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('PAYMENT_UNAVAILABLE');
    const settled = (await carol.api.get<OrderView>(`/orders/${answer.body.orderId}`)).body;
    expect(settled.status).toBe('PAYMENT_FAILED');
    expect(settled.timeline.map((e) => e.status)).toEqual(['PAYMENT_PENDING', 'PAYMENT_FAILED']);
    // One record of the attempt: the void, which the late charge then found (its second request).
    expect(await payments.attemptsOf(answer.body.orderId)).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'voided', requests: 2 }),
    ]);
    await customerIsWhole(carol);
  });

  test('the customer retries without a key: a new order, paid once; the voided one stays unpaid', async () => {
    const failed = await whilePayments('late', () => carol.api.post<OrderAnswer>('/orders', order));
    expect(failed.status).toBe(503);

    const again = await carol.api.post<OrderView>('/orders', order);

    expect(again.status).toBe(201);
    expect(again.body.orderId).not.toBe(failed.body.orderId);
    await chargeInvocationEnded(failed.body.orderId);
    expect(await payments.chargeFor(failed.body.orderId)).toBeUndefined();
    expect(await payments.chargeFor(again.body.orderId)).toMatchObject({ outcome: 'paid', requests: 1 });
    await customerIsWhole(carol);
  });

  test('with the same key after a voided attempt, the same order pays on its next attempt, charged once', async () => {
    const key = `money-${randomUUID()}`;
    const failed = await whilePayments('late', () =>
      carol.api.post<OrderAnswer>('/orders', order, { headers: { 'idempotency-key': key } }),
    );
    expect(failed.status).toBe(503);

    const retried = await carol.api.post<OrderView>('/orders', order, {
      headers: { 'idempotency-key': key },
    });

    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ orderId: failed.body.orderId, status: 'PLACED' });
    await chargeInvocationEnded(failed.body.orderId);
    expect((await payments.attemptsOf(failed.body.orderId)).map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'voided'],
      [2, 'paid'],
    ]);
    await customerIsWhole(carol);
  });

  test('a charge written in time whose answer is lost: the settle finds it, and the customer gets 201 and one charge', async () => {
    const answer = await whilePayments('mute', () => carol.api.post<OrderView>('/orders', order));

    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe('PLACED');
    expect(answer.body.timeline.map((e) => e.status).slice(0, 2)).toEqual(['PAYMENT_PENDING', 'PAID']);
    expect(await payments.chargeFor(answer.body.orderId)).toMatchObject({ outcome: 'paid' });
    await customerIsWhole(carol);
  });

  test('when payments cannot be asked either: 202 being confirmed; once they are back, the reconciler places the order', async () => {
    const answer = await whilePayments('partition', () => carol.api.post<OrderAnswer>('/orders', order));

    expect(answer.status).toBe(202);
    expect(answer.headers.get('location')).toBe(`/orders/${answer.body.orderId}`);
    expect(answer.body).toMatchObject({ code: 'PAYMENT_UNCONFIRMED', status: 'PAYMENT_UNKNOWN' });
    expect(answer.body.message).toMatch(/could not confirm/);
    expect(answer.body.message).not.toMatch(/nothing was charged\./i);
    expect((await carol.api.get<OrderView>(`/orders/${answer.body.orderId}`)).body.status).toBe(
      'PAYMENT_UNKNOWN',
    );

    // Payments are back on (whilePayments); the scheduled run would come within a minute: run it now, as an operator.
    const report = await reconcileNow();

    expect(report.found).toBeGreaterThanOrEqual(1);
    const settled = await eventually(
      async () => {
        const view = (await carol.api.get<OrderView>(`/orders/${answer.body.orderId}`)).body;
        return view.timeline.some((e) => e.status === 'PLACED') ? view : undefined;
      },
      { what: `order.placed of the reconciled ${answer.body.orderId}` },
    );
    expect(settled.timeline.map((e) => e.status).slice(0, 3)).toEqual([
      'PAYMENT_PENDING',
      'PAYMENT_UNKNOWN',
      'PAID',
    ]);
    expect(await payments.chargeFor(answer.body.orderId)).toMatchObject({ outcome: 'paid' });
    expect(await reconcileNow()).toMatchObject({ placed: 0 });
    await customerIsWhole(carol);
  });
});
