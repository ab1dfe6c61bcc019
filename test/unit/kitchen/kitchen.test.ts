import { orderReady } from '../../../events/pizza';
import {
  checkPrepRange,
  choosePrepMs,
  cook,
  DEFAULT_KITCHEN_SETTINGS,
  MAX_PREP_MS,
  settingsFrom,
} from '../../../functions/kitchen/domain/kitchen';

const settings = (prepMinMs: number, prepMaxMs: number) => ({ prepMinMs, prepMaxMs, fault: false });

describe('choosing how long an order cooks', () => {
  test('the lowest random number gives the minimum and the highest gives the maximum', () => {
    const range = settings(5000, 10000);

    const shortest = choosePrepMs(range, () => 0);
    const longest = choosePrepMs(range, () => 0.999999999);

    expect([shortest, longest]).toEqual([5000, 10000]);
  });

  test('every choice lies within the range', () => {
    const range = settings(100, 200);
    const randoms = Array.from({ length: 50 }, (_, i) => i / 50);

    const chosen = randoms.map((r) => choosePrepMs(range, () => r));

    expect(chosen.every((ms) => ms >= 100 && ms <= 200)).toBe(true);
    expect(new Set(chosen).size).toBeGreaterThan(10);
  });

  test('a range of zero cooks instantly, as the tests set it', () => {
    expect(choosePrepMs(settings(0, 0), () => 0.7)).toBe(0);
  });

  test('a stored range broken by hand is clamped into what the function timeout allows', () => {
    expect(choosePrepMs(settings(50_000, 90_000), () => 0.5)).toBe(MAX_PREP_MS);
    expect(choosePrepMs(settings(300, 100), () => 0.5)).toBe(300);
  });
});

describe('kitchen settings', () => {
  test('a kitchen without stored settings cooks for five to ten seconds, fault off', () => {
    expect(settingsFrom(undefined)).toEqual({ prepMinMs: 5000, prepMaxMs: 10000, fault: false });
    expect(settingsFrom({ fault: true })).toEqual({ ...DEFAULT_KITCHEN_SETTINGS, fault: true });
  });

  test('an operator may set any whole range inside the limit', () => {
    expect(checkPrepRange(0, 0)).toEqual({ prepMinMs: 0, prepMaxMs: 0 });
    expect(checkPrepRange(1000, MAX_PREP_MS)).toEqual({ prepMinMs: 1000, prepMaxMs: MAX_PREP_MS });
  });

  test.each([
    [-1, 10],
    [10, 5],
    [0, MAX_PREP_MS + 1],
    [1.5, 3],
    [Number.NaN, 3],
  ])('the range %p..%p is refused', (min, max) => {
    expect(() => checkPrepRange(min, max)).toThrow();
  });
});

describe('cooking an order', () => {
  const cookIt = () =>
    cook(
      { orderId: 'ord_1', userId: 'user-1', correlationId: 'corr-1' },
      { kitchenName: 'kitchen-2', kitchenWorker: 'kitchen-2/ab12' },
      42,
      new Date('2026-11-22T18:36:10.000Z'),
    );

  test('records who cooked the order, for how long and when', () => {
    const { cooked } = cookIt();

    expect(cooked).toEqual({
      orderId: 'ord_1',
      userId: 'user-1',
      kitchenName: 'kitchen-2',
      kitchenWorker: 'kitchen-2/ab12',
      correlationId: 'corr-1',
      prepMs: 42,
      cookedAt: '2026-11-22T18:36:10.000Z',
    });
  });

  test('causes one order.ready with the order, the worker, the time it was cooked and the correlation id', () => {
    const { events } = cookIt();

    expect(events).toHaveLength(1);
    expect(events[0]!.definition).toBe(orderReady);
    expect(events[0]!.detail).toEqual({
      eventId: 'ready#ord_1',
      correlationId: 'corr-1',
      orderId: 'ord_1',
      userId: 'user-1',
      kitchenWorker: 'kitchen-2/ab12',
      readyAt: '2026-11-22T18:36:10.000Z',
    });
    expect(orderReady.schema.safeParse({ ...events[0]!.detail, schemaVersion: 1 }).success).toBe(true);
  });

  test('cooking the same order twice gives the same event id', () => {
    expect(cookIt().events[0]!.detail.eventId).toBe(cookIt().events[0]!.detail.eventId);
  });
});
