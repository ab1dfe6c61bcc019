import { decodePairCursor, encodePairCursor } from '../../../shared/paging-cursor';

/**
 * The opaque paging cursor of GET /events: the position (start time and id) of the last calendar event of a page,
 * base64url-encoded. Anything that does not decode to such a position is refused as a bad cursor: its start must
 * be written as the calendar writes every start (toISOString, a four-digit year), since the index compares the
 * text, and a start no event can have (the year 10000 on) is above every page.
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
  if (!isStoredInstant(startsAt) || !/^cev_[0-9a-f]{32}$/.test(id)) return undefined;
  return { startsAt, id };
}

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isStoredInstant(text: string): boolean {
  if (!STORED_INSTANT.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString() === text;
}
