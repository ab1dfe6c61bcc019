import * as fs from 'node:fs';
import { ENDPOINT_PAGES, endpointTable, withEndpointTable } from '../../../api/endpoint-tables';
import { ROUTES } from '../../../api/routes';

describe('the endpoint tables of the docs pages', () => {
  test.each(Object.entries(ENDPOINT_PAGES))(
    'the %s table is what the route contracts generate (run npm run docs after changing a route)',
    (tag, file) => {
      const page = fs.readFileSync(file, 'utf8');
      expect(page === withEndpointTable(page, tag)).toBe(true);
    },
  );

  test('every route is on a page, and only there', () => {
    const tags = [...new Set(ROUTES.map((r) => r.tag))].sort();
    expect(Object.keys(ENDPOINT_PAGES).sort()).toEqual(tags);
    const pages = Object.values(ENDPOINT_PAGES).map((file) => fs.readFileSync(file, 'utf8'));
    for (const route of ROUTES) {
      const row = `| \`${route.method} ${route.path}\` `;
      expect({ route: route.operationId, pages: pages.filter((p) => p.includes(row)).length }).toEqual({
        route: route.operationId,
        pages: 1,
      });
    }
  });

  test('a row names the route’s own codes at their statuses, and the groups it needs', () => {
    const table = endpointTable('pet game');
    expect(table).toMatch(
      /\| `POST \/admin\/missed-day-runs` +\| token, `admins` \| Judge a day that has ended +\| 202; 400 `DAY_NOT_OVER`; 403 +\|/,
    );
    expect(endpointTable('pizza')).toMatch(
      /`POST \/orders` .*402 `PAYMENT_DECLINED`.*422 `IDEMPOTENCY_KEY_REUSED`/,
    );
  });

  test('refuses a page without the markers, and a tag without routes', () => {
    expect(() => withEndpointTable('# A page\n', 'pizza')).toThrow(/endpoints:pizza/);
    expect(() => endpointTable('no such system')).toThrow(/no such system/);
  });
});
