import type {
  Charge,
  ChargeRequest,
  PaymentMode,
  SettleRequest,
} from '../../../functions/payments/domain/payment';
import { LATE_DELAY_MS, SLOW_DELAY_MS } from '../../../functions/payments/domain/payment';
import type { PaymentsRepository } from '../../../functions/payments/ports';
import { type ChargeDeps, chargeOrder, settleAttempt } from '../../../functions/payments/use-cases/charge';

/** The payments table in memory: one record per attempt (order id and attempt number), the operator's mode. */
class InMemoryPayments implements PaymentsRepository {
  /** Keyed `orderId#attempt`. */
  readonly charges = new Map<string, Charge>();

  constructor(private current: PaymentMode = 'on') {}

  async mode() {
    return this.current;
  }

  async setMode(mode: PaymentMode) {
    this.current = mode;
  }

  async recordOnce(charge: Omit<Charge, 'requests'>) {
    const key = `${charge.orderId}#${charge.attempt}`;
    const existing = this.charges.get(key);
    if (existing) {
      const counted = { ...existing, requests: existing.requests + 1 };
      this.charges.set(key, counted);
      return { charge: counted, repeated: true };
    }
    const recorded = { ...charge, requests: 1 };
    this.charges.set(key, recorded);
    return { charge: recorded, repeated: false };
  }

  async attemptsOf(orderId: string) {
    return [...this.charges.values()]
      .filter((c) => c.orderId === orderId)
      .sort((a, b) => a.attempt - b.attempt);
  }

  async chargeFor(orderId: string) {
    return (await this.attemptsOf(orderId)).find((c) => c.outcome !== 'voided');
  }

  async chargesOfUser(userId: string) {
    return [...this.charges.values()].filter((c) => c.userId === userId && c.outcome !== 'voided');
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
  operation: 'charge',
  orderId: 'ord_1',
  attempt: 1,
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
    expect(payments.charges.get('ord_1#1')).toMatchObject({
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

const settle = (overrides: Partial<SettleRequest> = {}): SettleRequest => ({
  operation: 'settle',
  orderId: 'ord_1',
  attempt: 1,
  userId: 'u1',
  correlationId: 'c1',
  ...overrides,
});

describe('settling an attempt whose caller saw no answer', () => {
  test('an attempt without a charge is voided: nothing charged, and a charge arriving later charges nothing', async () => {
    const { deps, payments } = setUp();

    const settled = await settleAttempt(deps, settle());
    const late = await chargeOrder(deps, request());

    expect(settled).toMatchObject({ outcome: 'settled', voidedNow: true, charge: { outcome: 'voided' } });
    expect(late).toMatchObject({
      outcome: 'charged',
      repeated: true,
      charge: { outcome: 'voided', requests: 2 },
    });
    expect(await payments.chargesOfUser('u1')).toEqual([]);
    expect(await payments.chargeFor('ord_1')).toBeUndefined();
  });

  test('an attempt that was charged answers its charge: the caller learns it was paid', async () => {
    const { deps } = setUp();
    await chargeOrder(deps, request());

    const settled = await settleAttempt(deps, settle());

    expect(settled).toMatchObject({
      outcome: 'settled',
      voidedNow: false,
      charge: { outcome: 'paid', chargeId: 'ch_1', requests: 2 },
    });
  });

  test('settling twice changes nothing: the same void', async () => {
    const { deps, payments } = setUp();

    await settleAttempt(deps, settle());
    const again = await settleAttempt(deps, settle());

    expect(again).toMatchObject({ voidedNow: false, charge: { outcome: 'voided', requests: 2 } });
    expect(payments.charges.size).toBe(1);
  });

  test('after a voided attempt, the next attempt of the same order pays, once', async () => {
    const { deps, payments } = setUp();
    await settleAttempt(deps, settle());

    const next = await chargeOrder(deps, request({ attempt: 2 }));

    expect(next).toMatchObject({ repeated: false, charge: { outcome: 'paid', attempt: 2 } });
    expect((await payments.attemptsOf('ord_1')).map((c) => c.outcome)).toEqual(['voided', 'paid']);
    expect(await payments.chargesOfUser('u1')).toHaveLength(1);
  });

  test('answers with payments switched off: the ledger is the service’s own', async () => {
    const { deps } = setUp('off');

    expect(await settleAttempt(deps, settle())).toMatchObject({ outcome: 'settled', voidedNow: true });
  });

  test('cut off (partition), it reads and writes nothing', async () => {
    const { deps, payments } = setUp('partition');

    expect(await settleAttempt(deps, settle())).toEqual({ outcome: 'unreachable' });
    expect(payments.charges.size).toBe(0);
  });
});

describe('the modes that reproduce a charge its caller cannot see end', () => {
  test('late: the write comes after the deadline check and after the caller gave up; a settle before it wins', async () => {
    const { deps, payments, waits } = setUp('late');
    const gaveUpAt = deps.now().getTime() + 2_000;
    let settledFirst: Awaited<ReturnType<typeof settleAttempt>> | undefined;
    // The caller settles while the processor stalls between its check and its write.
    const stalling: ChargeDeps = {
      ...deps,
      sleep: async (ms) => {
        await deps.sleep(ms);
        if (ms === LATE_DELAY_MS) settledFirst = await settleAttempt(deps, settle());
      },
    };

    const result = await chargeOrder(stalling, request());

    expect(waits).toEqual([100, LATE_DELAY_MS]);
    expect(deps.now().getTime()).toBeGreaterThan(gaveUpAt);
    expect(settledFirst).toMatchObject({ voidedNow: true });
    expect(result).toMatchObject({ outcome: 'charged', charge: { outcome: 'voided' } });
    expect(await payments.chargesOfUser('u1')).toEqual([]);
  });

  test('mute: the charge is written at once, its answer held past the caller’s deadline', async () => {
    const { deps, payments, waits } = setUp('mute');

    const result = await chargeOrder(deps, request());

    expect(waits).toEqual([100, LATE_DELAY_MS]);
    expect(result).toMatchObject({
      outcome: 'charged',
      charge: { outcome: 'paid', chargedAt: '2026-11-22T18:30:00.100Z' },
    });
    expect(await payments.chargeFor('ord_1')).toMatchObject({ outcome: 'paid' });
  });
});
