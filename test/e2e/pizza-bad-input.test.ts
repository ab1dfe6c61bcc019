import type { OrderListView } from '../../functions/orders/domain/order-view';
import { apiClient } from '../../scripts/lib/api-client';
import { paymentsRepository } from '../../scripts/payments';
import type { ErrorView } from '../support/pet-views';
import { newPlayer, outputs, type Player } from '../support/platform';

jest.setTimeout(60_000);

const good = { pizza: 'margherita', quantity: 2, address: 'Hauptstrasse 1, 10115 Berlin' };

describe('a bad order gets a JSON 400 that names the failing fields, and no payment is attempted', () => {
  let player: Player;

  beforeAll(async () => {
    player = await newPlayer();
  });

  afterAll(async () => {
    // Every rejected order above must have left no order and no charge behind.
    expect((await player.api.get<OrderListView>('/orders')).body.orders).toEqual([]);
    expect(await paymentsRepository(outputs).chargesOfUser(player.userId)).toEqual([]);
  });

  const post = (rawBody: string, headers?: Record<string, string>) =>
    player.api.call<ErrorView>('POST', '/orders', undefined, { rawBody, headers });
  const failingFields = (response: { body: ErrorView }) => response.body.details?.map((d) => d.field);

  test.each([
    ['an unknown pizza', { ...good, pizza: 'hawaii' }, ['pizza']],
    ['quantity 0', { ...good, quantity: 0 }, ['quantity']],
    ['quantity 21', { ...good, quantity: 21 }, ['quantity']],
    ['a quantity that is a string', { ...good, quantity: '2' }, ['quantity']],
    ['a fractional quantity', { ...good, quantity: 2.5 }, ['quantity']],
    ['a missing address', { pizza: good.pizza, quantity: good.quantity }, ['address']],
    ['a blank address', { ...good, address: '   ' }, ['address']],
    ['an address over 300 characters', { ...good, address: 'x'.repeat(301) }, ['address']],
    ['an extra field', { ...good, amountCents: 1 }, ['amountCents']],
    ['everything wrong at once', { pizza: 7, quantity: -1 }, ['pizza', 'quantity', 'address']],
  ])('%s is 400 naming the field', async (_what, body, fields) => {
    const response = await post(JSON.stringify(body));

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(failingFields(response)?.sort()).toEqual([...fields].sort());
  });

  test('malformed JSON is 400 MALFORMED_JSON', async () => {
    const response = await post('{"pizza": "margherita", "quantity": 2,');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  test('a body of a megabyte is 400 BODY_TOO_LARGE', async () => {
    const response = await post(JSON.stringify({ ...good, address: 'x'.repeat(1024 * 1024) }));

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BODY_TOO_LARGE');
  });

  test('a malformed Idempotency-Key is 400 naming the header', async () => {
    const response = await post(JSON.stringify(good), { 'idempotency-key': 'x'.repeat(129) });

    expect(response.status).toBe(400);
    expect(failingFields(response)).toEqual(['Idempotency-Key']);
  });

  test('staff-only listing with a bad flag is 400, not a silent fallback', async () => {
    const response = await player.api.get<ErrorView>('/orders?all=yes');

    expect(response.status).toBe(400);
    expect(failingFields(response)).toEqual(['all']);
  });

  test('without a token every pizza route is 401', async () => {
    const anonymous = apiClient();
    const answers = await Promise.all([
      anonymous.get('/menu'),
      anonymous.post('/orders', good),
      anonymous.get('/orders'),
      anonymous.get('/orders/ord_x'),
    ]);

    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
  });
});
