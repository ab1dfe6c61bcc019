/** The pizzas the shop sells, with their prices in cents: the only place a price is written down. */
export interface MenuItem {
  id: string;
  name: string;
  priceCents: number;
}

export const CURRENCY = 'EUR';

export const MENU: readonly MenuItem[] = [
  { id: 'margherita', name: 'Margherita', priceCents: 1599 },
  { id: 'pepperoni', name: 'Pepperoni', priceCents: 1799 },
  { id: 'funghi', name: 'Funghi', priceCents: 1699 },
  { id: 'quattro_formaggi', name: 'Quattro Formaggi', priceCents: 1899 },
  { id: 'diavola', name: 'Diavola', priceCents: 1899 },
];

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 20;

export function findPizza(id: string): MenuItem | undefined {
  return MENU.find((item) => item.id === id);
}

export function isOnMenu(id: string): boolean {
  return findPizza(id) !== undefined;
}

/** Price × quantity, in whole cents; an unknown pizza or a quantity off the allowed range is a bug upstream. */
export function priceOrder(pizza: string, quantity: number): number {
  const item = findPizza(pizza);
  if (!item) throw new Error(`'${pizza}' is not on the menu`);
  if (!Number.isInteger(quantity) || quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
    throw new Error(`quantity ${quantity} is outside ${MIN_QUANTITY}–${MAX_QUANTITY}`);
  }
  return item.priceCents * quantity;
}
