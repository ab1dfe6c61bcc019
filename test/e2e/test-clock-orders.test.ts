import type { OrderView } from '../../functions/orders/domain/order-view';
import { testClockOf } from '../../scripts/lib/test-clock';
import { paymentsRepository } from '../../scripts/payments';
import { newPlayer, outputs } from '../support/platform';

jest.setTimeout(90_000);

/**
 * The test clock moves the time of every function at once: orders set the payment deadline and payments check
 * it, so both must read the moved clock, or every order placed while it is moved would fail its payment.
 */
describe('ordering while the test clock is moved forward', () => {
  const clock = testClockOf();

  beforeAll(async () => {
    await paymentsRepository(outputs).setMode('on', new Date());
    await clock.advance(3 * 24 * 3_600_000);
  });

  afterAll(async () => {
    await clock.reset();
  });

  test('a paid order is placed (201), not refused for a deadline read from another clock', async () => {
    const player = await newPlayer();

    const response = await player.api.post<OrderView>('/orders', {
      pizza: 'margherita',
      quantity: 1,
      address: 'Hauptstrasse 1, 10115 Berlin',
    });

    expect({ status: response.status, body: response.body }).toEqual({
      status: 201,
      body: expect.objectContaining({ orderId: expect.any(String) }),
    });
  });
});
