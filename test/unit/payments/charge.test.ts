import type { Charge, ChargeRequest, PaymentMode } from '../../../functions/payments/domain/payment';
import { SLOW_DELAY_MS } from '../../../functions/payments/domain/payment';
import type { PaymentsRepository } from '../../../functions/payments/ports';
import { type ChargeDeps, chargeOrder } from '../../../functions/payments/use-cases/charge';

/** The payments table in memory: one charge per order, the operator's mode. */
class InMemoryPayments implements PaymentsRepository {
  readonly charges = new Map<string, Charge>();

  constructor(private current: PaymentMode = 'on') {}

  async mode() {
    return this.current;
  }

  async setMode(mode: PaymentMode) {
    this.current = mode;
  }

  async recordOnce(charge: Omit<Charge, 'requests'>) {
    const existing = this.charges.get(charge.orderId);
    if (existing) {
      const counted = { ...existing, requests: existing.requests + 1 };
      this.charges.set(charge.orderId, counted);
      return { charge: counted, repeated: true };
    }
    const recorded = { ...charge, requests: 1 };
    this.charges.set(charge.orderId, recorded);
    return { charge: recorded, repeated: false };
  }

  async chargeFor(orderId: string) {
    return this.charges.get(orderId);
  }

  async chargesOfUser(userId: string) {
    return [...this.charges.values()].filter((c) => c.userId === userId);
  }
}

const START = new Date('2026-11-22T18:30:00.000Z');

/** A clock that the processor's simulated wait moves forward, so deadlines behave as in real time. */
function setUp(mode: PaymentMode = 'on') {
  const payments = new InMemoryPayments(mode);
  let elapsed = 0;
  const waits: number[] = [];
  let next = 0;
  const deps: ChargeDeps = {
    payments,
    now: () => new Date(START.getTime() + elapsed),
    sleep: async (ms) => {
      waits.push(ms);
      elapsed += ms;
    },
    random: () => 0.5,
    newChargeId: () => `ch_${++next}`,
  };
  return { deps, payments, waits };
}

const request = (overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({
  orderId: 'ord_1',
  userId: 'u1',
  amountCents: 3198,
  correlationId: 'c1',
  notAfter: new Date(START.getTime() + 2_000).toISOString(),
  ...overrides,
});

describe('charging an order', () => {
  test('an amount within the credit limit is paid and recorded once', async () => {
    const { deps, payments } = setUp();

    const result = await chargeOrder(deps, request());

    expect(result).toMatchObject({
      outcome: 'charged',
      repeated: false,
      charge: { outcome: 'paid', chargeId: 'ch_1' },
    });
    expect(payments.charges.get('ord_1')).toMatchObject({
      requests: 1,
      chargedAt: '2026-11-22T18:30:00.100Z',
    });
  });

  test('an amount over the credit limit is declined, with the reason', async () => {
    const { deps } = setUp();

    const result = await chargeOrder(deps, request({ amountCents: 25_001 }));

    expect(result).toMatchObject({
      outcome: 'charged',
      charge: { outcome: 'declined', reason: /CREDIT_LIMIT/ },
    });
  });

  test('a repeated request for an order gets the first answer and is only counted', async () => {
    const { deps, payments } = setUp();
    await chargeOrder(deps, request());

    const again = await chargeOrder(
      deps,
      request({ notAfter: new Date(START.getTime() + 5_000).toISOString() }),
    );

    expect(again).toMatchObject({
      outcome: 'charged',
      repeated: true,
      charge: { chargeId: 'ch_1', requests: 2 },
    });
    expect(payments.charges.size).toBe(1);
  });

  test('switched off, it decides and records nothing', async () => {
    const { deps, payments } = setUp('off');

    const result = await chargeOrder(deps, request());

    expect(result).toEqual({ outcome: 'offline' });
    expect(payments.charges.size).toBe(0);
  });

  test('slow, it answers after the caller gave up and charges nothing', async () => {
    const { deps, payments, waits } = setUp('slow');

    const result = await chargeOrder(deps, request());

    expect(result).toEqual({ outcome: 'expired', mode: 'slow' });
    expect(waits).toEqual([SLOW_DELAY_MS]);
    expect(payments.charges.size).toBe(0);
  });
});
