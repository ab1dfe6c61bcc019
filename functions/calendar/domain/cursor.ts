/**
 * The opaque paging cursor of GET /events: the position (start time and id) of the last calendar event of a page,
 * base64url-encoded. Anything that does not decode to such a position is refused as a bad cursor.
 */
export interface ListPosition {
  startsAt: string;
  id: string;
}

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.startsAt, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [startsAt, id] = value;
    if (typeof startsAt !== 'string' || Number.isNaN(Date.parse(startsAt))) return undefined;
    if (typeof id !== 'string' || !/^cev_[0-9a-f]{32}$/.test(id)) return undefined;
    return { startsAt, id };
  } catch {
    return undefined;
  }
}
