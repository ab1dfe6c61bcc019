import {
  CREDIT_LIMIT_CENTS,
  chargeRequest,
  chargeResponse,
  decideCharge,
  isPaymentMode,
  MAX_LATENCY_MS,
  MIN_LATENCY_MS,
  paymentsRequest,
  simulatedLatencyMs,
  withinDeadline,
} from '../../../functions/payments/domain/payment';

describe('the simulated payment processor’s rules', () => {
  test('pays any amount up to the credit limit of 25,000 cents', () => {
    expect([decideCharge(1599), decideCharge(CREDIT_LIMIT_CENTS)]).toEqual([
      { outcome: 'paid' },
      { outcome: 'paid' },
    ]);
  });

  test('declines an amount over the credit limit: 16 margheritas (25,584 cents) are declined', () => {
    expect(decideCharge(16 * 1599)).toMatchObject({ outcome: 'declined', reason: /CREDIT_LIMIT_EXCEEDED/ });
    expect(decideCharge(CREDIT_LIMIT_CENTS + 1).outcome).toBe('declined');
  });

  test('answers after 50 to 150 ms', () => {
    expect([simulatedLatencyMs(0), simulatedLatencyMs(0.5), simulatedLatencyMs(0.999)]).toEqual([
      MIN_LATENCY_MS,
      100,
      MAX_LATENCY_MS,
    ]);
  });

  test('knows the modes of the operator switch and nothing else', () => {
    expect(['on', 'off', 'slow', 'late', 'mute', 'partition', 'status', 'ON'].map(isPaymentMode)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  test('refuses a charge request without an order id or with a fractional amount', () => {
    const valid = {
      operation: 'charge',
      orderId: 'ord_1',
      attempt: 1,
      userId: 'u',
      amountCents: 1599,
      correlationId: 'c',
      notAfter: '2026-11-22T18:30:02.000Z',
    };

    expect(chargeRequest.safeParse(valid).success).toBe(true);
    expect(chargeRequest.safeParse({ ...valid, orderId: '' }).success).toBe(false);
    expect(chargeRequest.safeParse({ ...valid, amountCents: 15.99 }).success).toBe(false);
  });

  test('a charge and a settle name their attempt: a whole number from 1, chosen by the orders service', () => {
    const settle = { operation: 'settle', orderId: 'ord_1', attempt: 2, userId: 'u', correlationId: 'c' };

    expect(paymentsRequest.safeParse(settle).success).toBe(true);
    expect(paymentsRequest.safeParse({ ...settle, attempt: 0 }).success).toBe(false);
    expect(paymentsRequest.safeParse({ ...settle, attempt: 1.5 }).success).toBe(false);
    const { attempt: _attempt, ...withoutAttempt } = settle;
    expect(paymentsRequest.safeParse(withoutAttempt).success).toBe(false);
    // A settle decides nothing of amounts or deadlines: it carries neither.
    expect(paymentsRequest.safeParse({ ...settle, amountCents: 1599 }).success).toBe(false);
    expect(paymentsRequest.safeParse({ ...settle, operation: 'refund' }).success).toBe(false);
  });

  test('refuses a charge request without the caller’s deadline', () => {
    const { success } = chargeRequest.safeParse({
      operation: 'charge',
      orderId: 'ord_1',
      attempt: 1,
      userId: 'u',
      amountCents: 1599,
      correlationId: 'c',
    });

    expect(success).toBe(false);
  });

  test('charges only while the caller still waits, with room for the answer to travel back', () => {
    const notAfter = '2026-11-22T18:30:02.000Z';

    expect([
      withinDeadline(notAfter, new Date('2026-11-22T18:30:01.000Z')),
      withinDeadline(notAfter, new Date('2026-11-22T18:30:01.990Z')),
      withinDeadline(notAfter, new Date('2026-11-22T18:30:07.000Z')),
    ]).toEqual([true, false, false]);
  });

  test('an expired answer and a voided one are part of the contract the orders service parses', () => {
    expect(chargeResponse.safeParse({ outcome: 'voided', orderId: 'ord_1', attempt: 1 }).success).toBe(true);
    expect(chargeResponse.safeParse({ outcome: 'expired', orderId: 'ord_1' }).success).toBe(true);
  });
});
