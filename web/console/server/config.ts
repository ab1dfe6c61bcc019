/** What the browser app is told about the stack it talks to (no secret in it: the app client has none). */
export interface ConsoleConfig {
  region: string;
  userPoolClientId: string;
  /** Cognito's endpoint; null on an emulator. The page never calls it (it signs in through the API). */
  cognitoEndpoint: string | null;
  /** The API's base URL; null when the page is served by the API itself (its path up to /console). */
  apiUrl: string | null;
  /** The WebSocket API; null until the stack has one (then orders are polled and events hidden). */
  webSocket: { url: string; apiId: string; stage: string } | null;
  features: { events: boolean; quests: boolean };
  /** Origins the page may call besides its own (the Content-Security-Policy's connect-src). */
  connectSources: string[];
}

/** Built from the serving function's environment. An emulator sets AWS_ENDPOINT_URL for its functions. */
export function consoleConfigFrom(env: Record<string, string | undefined>): ConsoleConfig {
  const region = env.AWS_REGION ?? 'us-east-1';
  const onEmulator = Boolean(env.AWS_ENDPOINT_URL);
  const cognitoEndpoint = onEmulator ? null : `https://cognito-idp.${region}.amazonaws.com/`;
  const webSocket =
    env.WS_API_ID && env.WS_STAGE && env.WS_URL
      ? { url: env.WS_URL, apiId: env.WS_API_ID, stage: env.WS_STAGE }
      : null;
  const wsOrigin = webSocket && !onEmulator ? originOf(webSocket.url) : null;
  return {
    region,
    userPoolClientId: env.USER_POOL_CLIENT_ID ?? '',
    cognitoEndpoint,
    apiUrl: env.CONSOLE_API_URL || null,
    webSocket,
    features: { events: env.FEATURE_EVENTS === 'true', quests: env.FEATURE_QUESTS === 'true' },
    // The page signs in through POST /auth/sign-in, never at Cognito. On an emulator the socket is on the page's
    // own host (ws://<same host>).
    connectSources: [
      ...(wsOrigin ? [wsOrigin] : []),
      ...(onEmulator && webSocket ? ['ws:', 'wss:'] : []),
      ...(env.CONSOLE_API_URL ? [originOf(env.CONSOLE_API_URL)] : []),
    ],
  };
}

/** scheme://host of a URL; a value not known before deploy (a CDK token at synth) is kept whole. */
const originOf = (url: string) => /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(url)?.[0] ?? url;
