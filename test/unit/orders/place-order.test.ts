import type { PaymentResult } from '../../../functions/orders/domain/order';
import type { PaymentsClient, UseCaseLog } from '../../../functions/orders/ports';
import { type PlaceOrderDeps, placeOrder } from '../../../functions/orders/use-cases/place-order';
import { InMemoryOrders } from './support/in-memory-orders';

/** A payment processor that answers from a script (paid once it runs out) and keeps what it was asked. */
class ScriptedPayments implements PaymentsClient {
  readonly charged: string[] = [];
  private hold: Promise<void> | undefined;

  constructor(private readonly answers: PaymentResult['outcome'][]) {}

  async charge(request: { orderId: string }): Promise<PaymentResult> {
    this.charged.push(request.orderId);
    if (this.hold) await this.hold;
    const outcome = this.answers.shift() ?? 'paid';
    return outcome === 'paid' ? { outcome, chargeId: 'ch_1' } : { outcome, reason: 'test' };
  }

  /** Keeps every payment waiting until the returned function is called. */
  holdAnswers(): () => void {
    let release = () => {};
    this.hold = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      this.hold = undefined;
      release();
    };
  }
}

const silentLog: UseCaseLog = { info: () => {}, warn: () => {}, appendKeys: () => {} };

function setUp(answers: PaymentResult['outcome'][]) {
  const orders = new InMemoryOrders();
  const payments = new ScriptedPayments(answers);
  let next = 0;
  const deps: PlaceOrderDeps = {
    orders,
    payments,
    logger: silentLog,
    now: () => new Date('2026-11-22T18:30:00.000Z'),
    newOrderId: () => `ord_${++next}`,
  };
  const outboxIds = () => orders.outbox.map((event) => event.detail.eventId);
  return { deps, orders, payments, outboxIds };
}

const request = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1' };
const input = (idempotencyKey?: string) => ({ userId: 'u1', request, correlationId: 'c1', idempotencyKey });

describe('placing an order', () => {
  test('a paid order is placed with its timeline', async () => {
    const { deps } = setUp(['paid']);

    const result = await placeOrder(deps, input());

    expect(result).toMatchObject({
      outcome: 'placed',
      replayed: false,
      order: { status: 'PLACED', amountCents: 3198 },
      timeline: [{ status: 'PAYMENT_PENDING' }, { status: 'PAID' }],
    });
  });

  test('a paid order saves its order.placed in the outbox together with the PLACED state', async () => {
    const { deps, orders, outboxIds } = setUp(['paid']);

    await placeOrder(deps, input());

    expect(orders.orders.get('ord_1')?.status).toBe('PLACED');
    expect(outboxIds()).toEqual(['placed#ord_1']);
  });

  test('an order without a payment answer is kept as PAYMENT_FAILED and nothing goes to the outbox', async () => {
    const { deps, orders, outboxIds } = setUp(['unavailable']);

    const result = await placeOrder(deps, input('k1'));

    expect(result.outcome).toBe('unavailable');
    expect(orders.orders.get('ord_1')?.status).toBe('PAYMENT_FAILED');
    expect(outboxIds()).toEqual([]);
  });

  test('a declined order goes nowhere: nothing in the outbox', async () => {
    const { deps, outboxIds } = setUp(['declined']);

    const result = await placeOrder(deps, input('k1'));

    expect(result).toMatchObject({ outcome: 'declined', replayed: false });
    expect(outboxIds()).toEqual([]);
  });

  test('a retry with the key after a failed payment pays the same order', async () => {
    const { deps, payments, outboxIds } = setUp(['unavailable', 'paid']);
    await placeOrder(deps, input('k1'));

    const retried = await placeOrder(deps, input('k1'));

    expect(retried).toMatchObject({ outcome: 'placed', order: { orderId: 'ord_1' } });
    expect(payments.charged).toEqual(['ord_1', 'ord_1']);
    expect(outboxIds()).toEqual(['placed#ord_1']);
  });

  test('a retry with the key after a final answer replays it without charging again', async () => {
    const { deps, payments } = setUp(['declined']);
    await placeOrder(deps, input('k1'));

    const again = await placeOrder(deps, input('k1'));

    expect(again).toMatchObject({ outcome: 'declined', replayed: true, order: { orderId: 'ord_1' } });
    expect(payments.charged).toEqual(['ord_1']);
  });

  test('a replayed paid order adds nothing to the outbox', async () => {
    const { deps, outboxIds } = setUp(['paid']);
    await placeOrder(deps, input('k1'));

    const again = await placeOrder(deps, input('k1'));

    expect(again).toMatchObject({ outcome: 'placed', replayed: true });
    expect(outboxIds()).toEqual(['placed#ord_1']);
  });

  test('order.placed carries the order’s own correlation id, even when a retry pays it', async () => {
    const { deps, orders } = setUp(['unavailable', 'paid']);
    await placeOrder(deps, { ...input('k1'), correlationId: 'first-request' });

    await placeOrder(deps, { ...input('k1'), correlationId: 'retry-request' });

    expect(orders.outbox.map((event) => event.detail.correlationId)).toEqual(['first-request']);
  });

  test('a retry while the first request still waits for its payment is told to wait, and nothing more is charged', async () => {
    const { deps, payments } = setUp(['paid']);
    const release = payments.holdAnswers();
    const firstRequest = placeOrder(deps, input('k1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(payments.charged).toEqual(['ord_1']);

    const retried = await placeOrder(deps, input('k1'));
    release();

    expect(retried).toEqual({ outcome: 'in-progress', orderId: 'ord_1' });
    expect(payments.charged).toEqual(['ord_1']);
    expect(await firstRequest).toMatchObject({ outcome: 'placed' });
  });

  test('a key that stays contended through every race is in progress, not an error', async () => {
    const { deps, orders, payments } = setUp(['paid']);
    orders.keyAlwaysTaken = true;

    const result = await placeOrder(deps, input('k1'));

    expect(result).toEqual({ outcome: 'in-progress' });
    expect(payments.charged).toEqual([]);
  });

  test('the key with another body is a mismatch, and nothing is charged', async () => {
    const { deps, payments } = setUp(['paid']);
    await placeOrder(deps, input('k1'));

    const reused = await placeOrder(deps, { ...input('k1'), request: { ...request, quantity: 3 } });

    expect(reused).toEqual({ outcome: 'key-mismatch' });
    expect(payments.charged).toHaveLength(1);
  });
});
