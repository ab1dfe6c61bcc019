import { randomUUID } from 'node:crypto';
import type { OrderListView, OrderView } from '../../functions/orders/domain/order-view';
import type { PaymentMode } from '../../functions/payments/domain/payment';
import { trace } from '../../scripts/lib/trace';
import { paymentsRepository } from '../../scripts/payments';
import type { ErrorView } from '../support/pet-views';
import { eventually, newPlayer, outputs, type Player, queuesSettled } from '../support/platform';

jest.setTimeout(90_000);

type OrderError = ErrorView & { orderId: string };

const payments = paymentsRepository(outputs);
const switchPayments = (mode: PaymentMode) => payments.setMode(mode, new Date());
/** Runs `act` with payments in `mode`, and switches them back on whatever happens. */
async function whilePayments<T>(mode: PaymentMode, act: () => Promise<T>): Promise<T> {
  await switchPayments(mode);
  try {
    return await act();
  } finally {
    await switchPayments('on');
  }
}
const order = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1, 10115 Berlin' };
const tooExpensive = { pizza: 'margherita', quantity: 16, address: 'Hauptstrasse 1, 10115 Berlin' };
const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });
const newKey = () => `test-${randomUUID()}`;

const getOrder = (player: Player, orderId: string) => player.api.get<OrderView>(`/orders/${orderId}`);
const timelineStatuses = async (player: Player, orderId: string) =>
  (await getOrder(player, orderId)).body.timeline.map((entry) => entry.status);
const waitForPlaced = (player: Player, orderId: string) =>
  eventually(async () => (await timelineStatuses(player, orderId)).includes('PLACED'), {
    what: `order.placed of ${orderId} on its timeline`,
  });

/**
 * To show that an event did NOT go out: place a paid order after it, wait until its order.placed is on its
 * timeline, and let the timeline queue settle; an event of the earlier request would have arrived by then.
 */
async function busHasCaughtUp(player: Player) {
  const marker = await player.api.post<OrderView>('/orders', order);
  expect(marker.status).toBe(201);
  await waitForPlaced(player, marker.body.orderId);
  await queuesSettled([outputs.OrdersTimelineQueueUrl]);
}

/**
 * Waits until the payments function has logged the end of its invocation for this order (it logs once, after
 * its simulated latency), failing as soon as a charge shows up. In 'slow' mode that is about 5 s after the call.
 */
async function slowPaymentFinished(orderId: string): Promise<void> {
  const seen = await eventually(
    async () => {
      const charge = await payments.chargeFor(orderId);
      if (charge) return { charge };
      const lines = await trace(orderId);
      // The charge's own line: the settle that voided the attempt logs under the same order id, earlier.
      const ended = lines.find(
        (line) =>
          line.service === 'payments' &&
          line.fields.orderId === orderId &&
          line.fields.operation === 'charge',
      );
      return ended ? { ended } : undefined;
    },
    { what: `the payments function's last word on ${orderId}`, timeoutMs: 15_000, intervalMs: 500 },
  );
  expect(seen).not.toHaveProperty('charge');
}

describe('ordering pizza, through API Gateway with real tokens and a synchronous payment', () => {
  let alice: Player;
  let bob: Player;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([newPlayer(), newPlayer()]);
    await switchPayments('on');
  });

  afterAll(async () => {
    await switchPayments('on');
  });

  test('the menu lists the pizzas with their prices in cents', async () => {
    const response = await alice.api.get<{ pizzas: { id: string; priceCents: number }[] }>('/menu');

    expect(response.status).toBe(200);
    expect(response.body.pizzas).toContainEqual(
      expect.objectContaining({ id: 'margherita', priceCents: 1599 }),
    );
    expect(response.body.pizzas.map((p) => p.id)).toHaveLength(5);
  });

  test('a paid order is 201 PLACED with its amount and timeline, is charged once, and order.placed goes out', async () => {
    const response = await alice.api.post<OrderView>('/orders', order);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'PLACED',
      amountCents: 3198,
      ...order,
      userId: alice.userId,
    });
    expect(response.body.orderId).toMatch(/^ord_/);
    // Later steps are written by the timeline subscriber as events arrive: some may already be there, or none yet.
    const statuses = response.body.timeline.map((e) => e.status);
    expect(statuses.slice(0, 2)).toEqual(['PAYMENT_PENDING', 'PAID']);
    for (const later of statuses.slice(2)) {
      expect(['PLACED', 'READY', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED']).toContain(later);
    }
    expect(await payments.chargeFor(response.body.orderId)).toMatchObject({
      outcome: 'paid',
      amountCents: 3198,
      requests: 1,
    });
    await waitForPlaced(alice, response.body.orderId);
  });

  test('an order over the credit limit is 402 PAYMENT_DECLINED, kept as declined, and no event goes out', async () => {
    const response = await alice.api.post<OrderError>('/orders', tooExpensive);

    expect(response.status).toBe(402);
    expect(response.body.code).toBe('PAYMENT_DECLINED');
    await busHasCaughtUp(alice);
    const kept = await getOrder(alice, response.body.orderId);
    expect(kept.body.status).toBe('PAYMENT_DECLINED');
    expect(kept.body.timeline.map((e) => e.status)).toEqual(['PAYMENT_PENDING', 'PAYMENT_DECLINED']);
  });

  test('with payments off: a friendly 503, the order kept as PAYMENT_FAILED, no charge and no event', async () => {
    const key = newKey();
    const failed = await whilePayments('off', () =>
      alice.api.post<OrderError>('/orders', order, withKey(key)),
    );

    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({
      code: 'PAYMENT_UNAVAILABLE',
      message: 'Payment system is currently unavailable. Please try again later.',
    });
    const listed = (await alice.api.get<OrderListView>('/orders')).body.orders;
    expect(listed.find((o) => o.orderId === failed.body.orderId)).toMatchObject({
      status: 'PAYMENT_FAILED',
      ...order,
    });
    expect(await payments.chargeFor(failed.body.orderId)).toBeUndefined();
    await busHasCaughtUp(alice);
    expect(await timelineStatuses(alice, failed.body.orderId)).toEqual(['PAYMENT_PENDING', 'PAYMENT_FAILED']);
  });

  test('after payments come back, the same request with its key pays the same order, charged exactly once', async () => {
    const key = newKey();
    const failed = await whilePayments('off', () =>
      alice.api.post<OrderError>('/orders', order, withKey(key)),
    );
    expect(failed.status).toBe(503);

    const retried = await alice.api.post<OrderView>('/orders', order, withKey(key));

    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ orderId: failed.body.orderId, status: 'PLACED' });
    expect(retried.body.timeline.map((e) => e.status)).toEqual(['PAYMENT_PENDING', 'PAYMENT_FAILED', 'PAID']);
    const charges = (await payments.chargesOfUser(alice.userId)).filter(
      (c) => c.orderId === failed.body.orderId,
    );
    expect(charges).toEqual([expect.objectContaining({ outcome: 'paid', amountCents: 3198, requests: 1 })]);
    await waitForPlaced(alice, failed.body.orderId);
  });

  test('with payments slow, the answer is a 503 within about two seconds, and the late payment charges nothing', async () => {
    const key = newKey();
    const slow = await whilePayments('slow', () => bob.api.post<OrderError>('/orders', order, withKey(key)));

    expect(slow.status).toBe(503);
    expect(slow.body.code).toBe('PAYMENT_UNAVAILABLE');
    expect(slow.ms).toBeLessThan(4_000);
    expect((await getOrder(bob, slow.body.orderId)).body.status).toBe('PAYMENT_FAILED');
    // The payment function is still sleeping; absence of a charge means something only once it has finished.
    await slowPaymentFinished(slow.body.orderId);
    expect(await payments.chargeFor(slow.body.orderId)).toBeUndefined();
  });

  test('after a slow payment gave up, the same request with its key is charged exactly once', async () => {
    const key = newKey();
    const slow = await whilePayments('slow', () => bob.api.post<OrderError>('/orders', order, withKey(key)));
    expect(slow.status).toBe(503);
    await slowPaymentFinished(slow.body.orderId);

    const retried = await bob.api.post<OrderView>('/orders', order, withKey(key));

    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ orderId: slow.body.orderId, status: 'PLACED' });
    expect(await payments.chargeFor(slow.body.orderId)).toMatchObject({ outcome: 'paid', requests: 1 });
  });

  test('a POST repeated with the same key answers the same order again and charges nothing more', async () => {
    const key = newKey();
    const first = await alice.api.post<OrderView>('/orders', order, withKey(key));

    const again = await alice.api.post<OrderView>('/orders', order, withKey(key));

    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.orderId).toBe(first.body.orderId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await payments.chargeFor(first.body.orderId)).toMatchObject({ requests: 1 });
  });

  test('a declined request repeated with its key is declined again without asking payments again', async () => {
    const key = newKey();
    const first = await alice.api.post<OrderError>('/orders', tooExpensive, withKey(key));

    const again = await alice.api.post<OrderError>('/orders', tooExpensive, withKey(key));

    expect([first.status, again.status]).toEqual([402, 402]);
    expect(again.body).toMatchObject({ code: 'PAYMENT_DECLINED', orderId: first.body.orderId });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await payments.chargeFor(first.body.orderId)).toMatchObject({ outcome: 'declined', requests: 1 });
  });

  test('a key reused with a different order is 422 and creates nothing', async () => {
    const key = newKey();
    await alice.api.post('/orders', order, withKey(key));
    const before = (await alice.api.get<OrderListView>('/orders')).body.orders.length;

    const reused = await alice.api.post<ErrorView>('/orders', { ...order, quantity: 3 }, withKey(key));

    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await alice.api.get<OrderListView>('/orders')).body.orders).toHaveLength(before);
  });

  test('the same key means nothing to another user: each gets an order of their own', async () => {
    const key = newKey();
    const mine = await alice.api.post<OrderView>('/orders', order, withKey(key));

    const theirs = await bob.api.post<OrderView>('/orders', order, withKey(key));

    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.orderId).not.toBe(mine.body.orderId);
  });

  test('two POSTs without a key are two orders', async () => {
    const [one, two] = await Promise.all([
      bob.api.post<OrderView>('/orders', order),
      bob.api.post<OrderView>('/orders', order),
    ]);

    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.body.orderId).not.toBe(two.body.orderId);
  });

  test('another user’s order is 404, as if it did not exist', async () => {
    const mine = await alice.api.post<OrderView>('/orders', order);

    const peek = await bob.api.get<ErrorView>(`/orders/${mine.body.orderId}`);

    expect(peek.status).toBe(404);
    expect(peek.body.code).toBe('ORDER_NOT_FOUND');
    expect((await bob.api.get<ErrorView>('/orders/ord_does-not-exist')).status).toBe(404);
  });

  test('GET /orders lists the caller’s own orders only, newest first', async () => {
    const mine = (await alice.api.get<OrderListView>('/orders')).body.orders;

    expect(mine.length).toBeGreaterThan(3);
    expect(new Set(mine.map((o) => o.userId))).toEqual(new Set([alice.userId]));
    const times = mine.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  test('a player asking for every order is 403', async () => {
    const response = await alice.api.get<ErrorView>('/orders?all=true');

    expect(response.status).toBe(403);
  });

  test('staff and admins list every order, everyone’s', async () => {
    const [staff, admin] = await Promise.all([newPlayer(['staff']), newPlayer(['players', 'admins'])]);
    const [a, b] = await Promise.all([
      alice.api.post<OrderView>('/orders', order),
      bob.api.post<OrderView>('/orders', order),
    ]);

    for (const member of [staff, admin]) {
      const all = await member.api.get<OrderListView>('/orders?all=true');
      expect(all.status).toBe(200);
      expect(all.body.orders.map((o) => o.orderId)).toEqual(
        expect.arrayContaining([a.body.orderId, b.body.orderId]),
      );
    }
  });
});

describe('GET /orders a page at a time, with a cursor', () => {
  type Listed = OrderListView['orders'][number];
  let carol: Player;
  let staff: Player;
  const placed: string[] = [];

  /** Follows nextCursor from `first` to the end: every page's order ids, and how many pages it took. */
  async function allPages(player: Player, first: string) {
    const pages: Listed[][] = [];
    let path: string | undefined = first;
    while (path) {
      const page: { status: number; body: OrderListView } = await player.api.get<OrderListView>(path);
      expect(page.status).toBe(200);
      pages.push(page.body.orders);
      const cursor: string | null = page.body.nextCursor;
      if (cursor !== null) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      const base = first.split('cursor=')[0]!.replace(/[?&]$/, '');
      path = cursor ? `${base}${base.includes('?') ? '&' : '?'}cursor=${cursor}` : undefined;
      expect(pages.length).toBeLessThan(200);
    }
    return pages;
  }
  const newestFirst = (orders: Listed[]) =>
    orders.every(
      (o, i) =>
        i === 0 ||
        orders[i - 1]!.createdAt > o.createdAt ||
        (orders[i - 1]!.createdAt === o.createdAt && orders[i - 1]!.orderId > o.orderId),
    );

  beforeAll(async () => {
    [carol, staff] = await Promise.all([newPlayer(), newPlayer(['staff'])]);
    await switchPayments('on');
    // One more than the default page: 21 paid orders, placed three at a time.
    for (let i = 0; i < 7; i++) {
      const three = await Promise.all([0, 1, 2].map(() => carol.api.post<OrderView>('/orders', order)));
      for (const r of three) {
        expect(r.status).toBe(201);
        placed.push(r.body.orderId);
      }
    }
  });

  test('the owner’s list: 20 a page by default, every order once, newest first, and no cursor after the last', async () => {
    const pages = await allPages(carol, '/orders');

    expect(pages.map((p) => p.length)).toEqual([20, 1]);
    const listed = pages.flat();
    expect(listed.map((o) => o.orderId).sort()).toEqual([...placed].sort());
    expect(newestFirst(listed)).toBe(true);
  });

  test('a smaller page size pages the same list the same way', async () => {
    const pages = await allPages(carol, '/orders?limit=8');

    expect(pages.map((p) => p.length)).toEqual([8, 8, 5]);
    const listed = pages.flat();
    expect(new Set(listed.map((o) => o.orderId)).size).toBe(21);
    // The same orders in the same order as one page of 100 (their statuses move on meanwhile: ids only).
    const ids = (orders: Listed[]) => orders.map((o) => o.orderId);
    expect(ids(listed)).toEqual(ids((await allPages(carol, '/orders?limit=100')).flat()));
  });

  test('the staff page through every order: each once, newest first, ours among them', async () => {
    const pages = await allPages(staff, '/orders?all=true&limit=50');

    const listed = pages.flat();
    const ids = listed.map((o) => o.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(placed));
    expect(newestFirst(listed)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.length === 50)).toBe(true);
  });

  test.each([
    ['not base64url', 'not a cursor!'],
    [
      'made up',
      Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'USER#someone'])).toString('base64url'),
    ],
    ['cut short', 'WyIyMDI2LTAxLTAxVDAwOjAw'],
  ])('a cursor that is %s is a 400 naming it, never a 500', async (_what, cursor) => {
    const response = await carol.api.get<ErrorView>(`/orders?cursor=${encodeURIComponent(cursor)}`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'cursor', message: expect.any(String) }],
    });
  });

  test.each([
    ['over the maximum', '101'],
    ['zero', '0'],
    ['not a number', 'ten'],
    ['not whole', '2.5'],
  ])('a page size %s is a 400 naming limit', async (_what, limit) => {
    const response = await carol.api.get<ErrorView>(`/orders?limit=${limit}`);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'limit' }] });
  });

  test('an unknown parameter or a bad all= is a 400 naming it', async () => {
    const unknown = await carol.api.get<ErrorView>('/orders?page=2');
    const badAll = await carol.api.get<ErrorView>('/orders?all=yes');

    expect([unknown.status, badAll.status]).toEqual([400, 400]);
    expect(unknown.body.details).toEqual([{ field: 'page', message: expect.any(String) }]);
    expect(badAll.body.details).toEqual([{ field: 'all', message: "must be 'true' or 'false'" }]);
  });
});
