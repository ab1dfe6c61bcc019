import * as z from 'zod';

/**
 * The opaque paging cursors of the list routes (GET /events, GET /orders): where a page ended, as a pair of strings
 * (a sort value and an id), JSON in base64url. Each list checks the pair's two values itself.
 */
const NOT_A_CURSOR = 'is not a cursor this API gave out';

/** The longest cursor a list accepts: two of its own values in base64url come to far less. */
export const MAX_CURSOR_LENGTH = 512;

/**
 * A cursor as a query parameter: what the document can say of it (base64url, its length). That it is one this API
 * gave out, no schema can say: each list refuses any other with 400 naming `cursor` (a rule of its contract).
 */
export const pagingCursor = z
  .string()
  // abort: one problem named once, and a list's own check of the cursor's values never reads a malformed one.
  .max(MAX_CURSOR_LENGTH, { message: NOT_A_CURSOR, abort: true })
  .regex(/^[A-Za-z0-9_-]+$/, { message: NOT_A_CURSOR, abort: true });

export function encodePairCursor(pair: readonly [string, string]): string {
  return Buffer.from(JSON.stringify(pair), 'utf8').toString('base64url');
}

/** The pair a cursor holds, or undefined when it holds anything else (changed, cut, made up). */
export function decodePairCursor(cursor: string): [string, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [first, second] = value;
    return typeof first === 'string' && typeof second === 'string' ? [first, second] : undefined;
  } catch {
    return undefined;
  }
}
