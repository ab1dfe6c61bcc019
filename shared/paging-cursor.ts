/**
 * The opaque paging cursors of the list routes (GET /events, GET /orders): where a page ended, as a pair of strings
 * (a sort value and an id), JSON in base64url. Each list checks the pair's two values itself.
 */
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
