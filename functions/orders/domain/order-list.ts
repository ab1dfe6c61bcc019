import { decodePairCursor, encodePairCursor } from '../../../shared/paging-cursor';
import type { Order } from './order';

/** GET /orders pages: 20 orders unless the caller asks for another number, at most 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Where a page of orders ends: the last order listed, by its creation time and id. Both lists are newest first
 * in this order (ties by id), and both tables' keys hold these two values, so the repository turns a position back
 * into the query's ExclusiveStartKey: the rest of that key (the caller's partition, the index's) is the
 * server's, never the client's, so a cursor cannot open another user's list.
 */
export interface ListPosition {
  createdAt: string;
  orderId: string;
}

export interface OrderPage {
  orders: Order[];
  /** Where the next page starts; absent on the last page. */
  next?: ListPosition;
}

export const positionOf = (order: Pick<Order, 'createdAt' | 'orderId'>): ListPosition => ({
  createdAt: order.createdAt,
  orderId: order.orderId,
});

const ORDER_ID = /^ord_[A-Za-z0-9_-]{1,100}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The opaque cursor a client gets as `nextCursor` and sends back as `?cursor=`: base64url of the position. */
export function encodeListCursor(position: ListPosition): string {
  return encodePairCursor([position.createdAt, position.orderId]);
}

/** A cursor this API gave out, back as its position; anything else (changed, cut, made up) is undefined. */
export function decodeListCursor(cursor: string): ListPosition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const pair = decodePairCursor(cursor);
  if (!pair) return undefined;
  const [createdAt, orderId] = pair;
  if (!ISO_INSTANT.test(createdAt) || Number.isNaN(Date.parse(createdAt))) return undefined;
  if (!ORDER_ID.test(orderId)) return undefined;
  return { createdAt, orderId };
}

/** Newest first, ties by id (descending): the order both lists are read in. */
export function newestFirst(a: ListPosition, b: ListPosition): number {
  return b.createdAt.localeCompare(a.createdAt) || b.orderId.localeCompare(a.orderId);
}
