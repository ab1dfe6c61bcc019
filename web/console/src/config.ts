export interface ConsoleConfig {
  region: string;
  userPoolClientId: string;
  cognitoEndpoint: string | null;
  apiUrl: string | null;
  webSocket: { url: string; apiId: string; stage: string } | null;
  features: { events: boolean; quests: boolean };
}

/** The configuration the serving function put into the page, or (S3 + CloudFront) config.json beside it. */
export async function loadConfig(): Promise<ConsoleConfig> {
  const inline = document.getElementById('console-config');
  if (inline?.textContent) return JSON.parse(inline.textContent) as ConsoleConfig;
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}

/** The API's base: the configured one, or (served by the API itself) this page's address up to /console. */
export function apiBase(config: ConsoleConfig): string {
  if (config.apiUrl) return config.apiUrl.replace(/\/$/, '');
  return location.origin + location.pathname.replace(/\/console\/?(index\.html)?$/, '');
}

/** The WebSocket API: its own wss:// URL on AWS; on an emulator, the same host under /_aws/execute-api. */
export function webSocketUrl(config: ConsoleConfig): string | null {
  const ws = config.webSocket;
  if (!ws) return null;
  if (config.cognitoEndpoint) return ws.url.replace(/\/$/, '');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/_aws/execute-api/${ws.apiId}/${ws.stage}`;
}
