import * as fs from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OPENAPI_FILE, openApiDocument, openApiJson } from '../../../api/openapi';
import { ROUTES } from '../../../api/routes';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack, stacksOf } from '../../../infra/platform-stack';
import { isOpenApiRequest } from '../../../web/console/server/serve-console';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
type Response = { content?: Record<string, { schema: unknown }> };
type Operation = {
  security: Record<string, string[]>[];
  responses: Record<string, Response>;
  'x-rules'?: { status: number; code: string; field?: string }[];
};
type Document = { paths: Record<string, Record<string, Operation>> };

const document = openApiDocument() as unknown as Document;
const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({
    key: `${method.toUpperCase()} ${path}`,
    operation,
  })),
);

describe('the OpenAPI document (docs/openapi.json)', () => {
  test('is up to date with the route contracts (run npm run openapi after changing a route)', () => {
    const committed = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '(missing)';
    expect(committed === openApiJson()).toBe(true);
  });

  test('has every declared route once, with a success answer, 429 and 500', () => {
    expect(operations.map((o) => o.key).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const { key, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      expect({ key, success: statuses.some((s) => s.startsWith('2')) }).toEqual({ key, success: true });
      expect({ key, statuses }).toEqual({ key, statuses: expect.arrayContaining(['429', '500']) });
    }
  });

  test('a route that needs a token says so, with the groups it needs; a public one needs none', () => {
    for (const route of ROUTES) {
      const operation = document.paths[route.path]![route.method.toLowerCase()]!;
      expect({ route: route.operationId, security: operation.security }).toEqual({
        route: route.operationId,
        security: route.auth === 'public' ? [] : [{ cognitoAccessToken: [...(route.groups ?? [])] }],
      });
      if (route.auth === 'jwt') expect(Object.keys(operation.responses)).toContain('401');
    }
  });

  test('every example body is one its route accepts', () => {
    for (const route of ROUTES.filter((r) => r.request?.example !== undefined)) {
      const parsed = route.request!.body!.safeParse(route.request!.example);
      expect({ route: route.operationId, error: parsed.error?.issues }).toEqual({
        route: route.operationId,
        error: undefined,
      });
    }
  });

  /** The codes the document lets an operation answer at a status: every `code` const or enum under it. */
  const codesAt = (operation: Operation, status: number): string[] =>
    [
      ...JSON.stringify(operation.responses[String(status)] ?? {}).matchAll(
        /"code":\{[^}]*?"(?:enum|const)":(\[[^\]]*\]|"[^"]*")/g,
      ),
    ].flatMap((m) => JSON.parse(m[1]!) as string | string[]);

  test('every route declares what its kind answers: a body 400 and API Gateway’s 413, parameters 400, an Idempotency-Key 409 and 422', () => {
    for (const route of ROUTES) {
      const operation = document.paths[route.path]![route.method.toLowerCase()]!;
      const expected = [
        ...(route.request?.body
          ? ['400 BODY_REQUIRED', '400 MALFORMED_JSON', '400 VALIDATION_FAILED', '413']
          : []),
        ...(route.request?.query || route.request?.headers ? ['400 VALIDATION_FAILED'] : []),
        ...(route.request?.headers?.shape['idempotency-key']
          ? ['409 REQUEST_IN_PROGRESS', '422 IDEMPOTENCY_KEY_REUSED']
          : []),
      ];
      const declared = expected.filter((answer) => {
        const [status, code] = answer.split(' ') as [string, string | undefined];
        return code
          ? codesAt(operation, Number(status)).includes(code)
          : operation.responses[status] !== undefined;
      });
      expect({ route: route.operationId, declared }).toEqual({
        route: route.operationId,
        declared: expected,
      });
    }
  });

  test('a rule is listed in x-rules, and its code is one the operation answers at its status', () => {
    const ruled = ROUTES.filter((r) => r.rules?.length);
    expect(ruled.map((r) => r.operationId)).toEqual(
      expect.arrayContaining(['placeOrder', 'createCalendarEvent']),
    );
    for (const route of ruled) {
      const operation = document.paths[route.path]![route.method.toLowerCase()]!;
      for (const rule of operation['x-rules'] ?? []) {
        expect({
          route: route.operationId,
          rule: rule.code,
          answered: codesAt(operation, rule.status),
        }).toEqual({
          route: route.operationId,
          rule: rule.code,
          answered: expect.arrayContaining([rule.code]),
        });
      }
      expect(operation['x-rules']?.map((r) => r.code)).toEqual(route.rules!.map((r) => r.code));
    }
  });

  test('a 429 that says when to come back declares Retry-After; the stage throttle’s 429 alone does not', () => {
    const signIn = document.paths['/auth/sign-in']!.post!.responses['429'] as { headers?: object };
    expect(signIn.headers).toHaveProperty('retry-after');
    const pets = document.paths['/pets/me']!.get!.responses['429'] as { headers?: object };
    expect(pets.headers ?? {}).not.toHaveProperty('retry-after');
  });

  test('refuses a route whose path parameters and path schema differ', () => {
    const route = ROUTES.find((r) => r.path === '/orders/{orderId}')!;
    expect(() => openApiDocument([{ ...route, path: '/orders/{id}' }])).toThrow(/path parameters/);
  });

  test('the console’s function answers GET /openapi.json with it, and anything else with the page', () => {
    expect(isOpenApiRequest({ routeKey: 'GET /openapi.json', rawPath: '/openapi.json' })).toBe(true);
    expect(isOpenApiRequest({ routeKey: 'GET /console', rawPath: '/console' })).toBe(false);
  });
});

describe('the synthesized stacks and the route contracts', () => {
  let resources: Record<string, Resources>;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const root = new PlatformStack(app, STACK_NAME, {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    resources = Object.fromEntries(
      stacksOf(root).map((stack) => [
        stack.node.path,
        Template.fromStack(stack).toJSON().Resources as Resources,
      ]),
    );
  });

  test('every route of every stack is in the document, and every operation of the document is a route', () => {
    const synthesized = Object.values(resources).flatMap((stackResources) =>
      Object.values(stackResources)
        .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
        .map((r) => String(r.Properties.RouteKey)),
    );
    // The WebSocket API's routes are not HTTP operations.
    const http = synthesized.filter((key) => !key.startsWith('$'));
    expect(http.sort()).toEqual(operations.map((o) => o.key).sort());
  });

  test('a route is public exactly when its contract says so', () => {
    const auth = Object.fromEntries(
      Object.values(resources).flatMap((stackResources) =>
        Object.values(stackResources)
          .filter(
            (r) => r.Type === 'AWS::ApiGatewayV2::Route' && !String(r.Properties.RouteKey).startsWith('$'),
          )
          .map((r) => [String(r.Properties.RouteKey), r.Properties.AuthorizationType]),
      ),
    );
    expect(auth).toEqual(
      Object.fromEntries(ROUTES.map((r) => [`${r.method} ${r.path}`, r.auth === 'public' ? 'NONE' : 'JWT'])),
    );
  });

  test('each stack stays within CloudFormation’s 500 resources', () => {
    const counts = Object.fromEntries(
      Object.entries(resources).map(([name, r]) => [name, Object.keys(r).length]),
    );
    for (const [name, count] of Object.entries(counts))
      expect({ name, within: count <= 500 }).toEqual({ name, within: true });
  });
});
