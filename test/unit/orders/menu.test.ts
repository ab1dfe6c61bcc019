import { findPizza, isOnMenu, MENU, priceOrder } from '../../../functions/orders/domain/menu';

describe('the menu and its prices', () => {
  test('prices an order as the pizza’s price times the quantity, in cents', () => {
    expect(priceOrder('margherita', 2)).toBe(3198);
    expect(priceOrder('diavola', 20)).toBe(37_980);
  });

  test('offers the five pizzas, each with a unique id and a whole-cent price', () => {
    const ids = MENU.map((p) => p.id);

    expect(ids).toEqual(['margherita', 'pepperoni', 'funghi', 'quattro_formaggi', 'diavola']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pizza of MENU) expect(Number.isInteger(pizza.priceCents) && pizza.priceCents > 0).toBe(true);
  });

  test('knows a pizza only by its exact id', () => {
    expect([isOnMenu('funghi'), isOnMenu('Funghi'), isOnMenu('fun'), isOnMenu('hawaii')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(findPizza('pepperoni')?.priceCents).toBe(1799);
  });

  test('refuses to price an unknown pizza or a quantity outside 1–20', () => {
    expect(() => priceOrder('hawaii', 1)).toThrow(/not on the menu/);
    for (const quantity of [0, 21, 2.5, -1]) expect(() => priceOrder('margherita', quantity)).toThrow();
  });
});
