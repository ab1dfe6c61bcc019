/*
 * The endpoint table of each system's page under docs/, generated from the route contracts (api/routes), the same
 * source as docs/openapi.json, so no table is kept by hand. Each page holds its table between
 * `<!-- endpoints:<tag> -->` and `<!-- /endpoints -->`; `npm run docs` rewrites what is between them, and a unit
 * test (test/unit/api/endpoint-tables.test.ts) fails when a page's table is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERRORS, type ErrorCode } from '../shared/errors';
import type { Method, RouteContract } from './contract';
import { errorCodes } from './openapi';
import { ROUTES } from './routes';

const DOCS = path.join(__dirname, '..', 'docs');

/** Each route's tag (its system), and the page whose table lists it. */
export const ENDPOINT_PAGES: Record<string, string> = {
  platform: path.join(DOCS, 'api.md'),
  'pet game': path.join(DOCS, 'pet-game.md'),
  pizza: path.join(DOCS, 'pizza.md'),
  events: path.join(DOCS, 'event-management.md'),
  quests: path.join(DOCS, 'quests.md'),
};

/**
 * Codes shown by their status alone: what they mean is said once in docs/api.md (a 400 names the failing fields, a
 * 403 is a caller outside the groups), not in every row.
 */
const BARE: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'BODY_REQUIRED',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'FORBIDDEN',
];
/** Answers of every token route (401) and every route (500), left out unless the route names them itself. */
const EVERY_ROUTE: readonly ErrorCode[] = ['UNAUTHORIZED', 'INTERNAL_ERROR'];

const METHOD_ORDER: readonly Method[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

function who(route: RouteContract): string {
  if (route.auth === 'public') return 'no token';
  return route.groups?.length ? `token, ${route.groups.map((g) => `\`${g}\``).join(' or ')}` : 'token';
}

/** The statuses a route answers, each with its own codes: `201; 409 \`ALREADY_COMPLETED\``. */
function answers(route: RouteContract): string {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const status of Object.keys(route.responses).map(Number)) byStatus.set(status, []);
  // A rule at a status with a body of the route's own (402 PAYMENT_DECLINED) is not among errorCodes; name it too.
  const named = new Set([...errorCodes(route), ...(route.rules ?? []).map((r) => r.code)]);
  for (const code of named) {
    if (EVERY_ROUTE.includes(code) && !route.errors?.includes(code)) continue;
    const codes = byStatus.get(ERRORS[code].status) ?? [];
    if (!BARE.includes(code)) codes.push(code);
    byStatus.set(ERRORS[code].status, codes);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, codes]) => [status, codes.map((c) => `\`${c}\``).join(', ')].join(' ').trim())
    .join('; ');
}

/** A Markdown table, padded the way Biome formats one (so `biome check` finds nothing to change). */
function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function endpointTable(tag: string, routes: readonly RouteContract[] = ROUTES): string {
  const rows = routes
    .filter((r) => r.tag === tag)
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
    )
    .map((r) => [`\`${r.method} ${r.path}\``, who(r), r.summary.replaceAll('|', '\\|'), answers(r)]);
  if (rows.length === 0) throw new Error(`No route has the tag '${tag}'`);
  return markdownTable(['method and path', 'who', 'what it does', 'answers'], rows);
}

const MARKERS = (tag: string) => ({ open: `<!-- endpoints:${tag} -->`, close: '<!-- /endpoints -->' });

/** The page with its table between the markers replaced by the one the routes generate. */
export function withEndpointTable(
  page: string,
  tag: string,
  routes: readonly RouteContract[] = ROUTES,
): string {
  const { open, close } = MARKERS(tag);
  const start = page.indexOf(open);
  const end = page.indexOf(close, start);
  if (start < 0 || end < 0) throw new Error(`The page has no ${open} ... ${close}`);
  return `${page.slice(0, start + open.length)}\n\n${endpointTable(tag, routes)}\n\n${page.slice(end)}`;
}

if (require.main === module) {
  const tags = new Set(ROUTES.map((r) => r.tag));
  for (const tag of tags) if (!ENDPOINT_PAGES[tag]) throw new Error(`No page lists the '${tag}' routes`);
  for (const [tag, file] of Object.entries(ENDPOINT_PAGES)) {
    fs.writeFileSync(file, withEndpointTable(fs.readFileSync(file, 'utf8'), tag));
    console.log(`wrote the ${tag} endpoints into ${path.relative(process.cwd(), file)}`);
  }
}
