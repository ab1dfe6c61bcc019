import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ConsoleConfig, consoleConfigFrom } from './config';

/**
 * GET /console: the page, with the configuration the browser needs (app client, where Cognito and the WebSocket
 * API answer, which panels the stack has) put into it. No token needed: the page holds no data, and every call it
 * makes carries the user's own token. Served from the API's own origin, so no CORS on any target (ADR 9).
 */
let page: { body: string; headers: Record<string, string> } | undefined;

export function renderPage(html: string, config: ConsoleConfig) {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const body = html.replace(
    '<!--CONFIG-->',
    `<script id="console-config" type="application/json">${json}</script>`,
  );
  // Only the page's own inline script runs (its hash); calls go to this origin, Cognito and the socket.
  const scripts = [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
  );
  const connect = ["'self'", ...config.connectSources].join(' ');
  return {
    body,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; script-src ${scripts.join(' ')}; style-src 'unsafe-inline'; img-src 'self' data:; connect-src ${connect}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    },
  };
}

/**
 * GET /openapi.json: the API's OpenAPI document (api/openapi.ts), written beside the page at synth. Public like any
 * API's documentation, and readable from any origin (it holds nothing but the API's description).
 */
let openApi: string | undefined;

export function isOpenApiRequest(event: Pick<APIGatewayProxyEventV2, 'routeKey' | 'rawPath'>): boolean {
  return event.routeKey === 'GET /openapi.json' || (event.rawPath ?? '').endsWith('/openapi.json');
}

/**
 * One structured line per request, as the other functions' logger writes: what was served, for whom (the
 * request id). It also spares this function MiniStack's 50 ms wait for the first log line of an invocation
 * that writes none (BENCHMARKS.md, the console's page).
 */
function logServed(what: string, event: Pick<APIGatewayProxyEventV2, 'requestContext'>): void {
  console.log(
    JSON.stringify({
      level: 'INFO',
      message: 'served',
      service: 'console',
      what,
      requestId: event.requestContext?.requestId,
      timestamp: new Date().toISOString(),
    }),
  );
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  if (isOpenApiRequest(event)) {
    logServed('openapi.json', event);
    openApi ??= fs.readFileSync(path.join(__dirname, 'openapi.json'), 'utf8');
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'access-control-allow-origin': '*',
      },
      body: openApi,
    };
  }
  logServed('console', event);
  page ??= renderPage(
    fs.readFileSync(path.join(__dirname, 'index.html'), 'utf8'),
    consoleConfigFrom(process.env),
  );
  return { statusCode: 200, headers: page.headers, body: page.body };
};
