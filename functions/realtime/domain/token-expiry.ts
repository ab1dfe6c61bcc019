/**
 * A connection lives as long as the access token it was opened with: API Gateway checks the token only at the
 * handshake, so from the token's `exp` on the connection is closed instead of pushed to (and a client reconnects
 * with a fresh token, or signs in again).
 */
export function tokenExpired(tokenExpiresAt: number, now: Date): boolean {
  return tokenExpiresAt * 1000 <= now.getTime();
}
