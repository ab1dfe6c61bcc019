import { decodePairCursor, encodePairCursor } from '../../../shared/paging-cursor';

/**
 * The opaque paging cursor of GET /events: the position (start time and id) of the last calendar event of a page,
 * base64url-encoded. Anything that does not decode to such a position is refused as a bad cursor.
 */
export interface ListPosition {
  startsAt: string;
  id: string;
}

export function encodeCursor(position: ListPosition): string {
  return encodePairCursor([position.startsAt, position.id]);
}

export function decodeCursor(cursor: string): ListPosition | undefined {
  const pair = decodePairCursor(cursor);
  if (!pair) return undefined;
  const [startsAt, id] = pair;
  if (Number.isNaN(Date.parse(startsAt)) || !/^cev_[0-9a-f]{32}$/.test(id)) return undefined;
  return { startsAt, id };
}
