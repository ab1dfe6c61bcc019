/*
 * The OpenAPI 3.1 document of the HTTP API, generated from the route contracts (api/routes) and never edited by
 * hand: `npm run openapi` writes docs/openapi.json, a unit test fails when that file is out of date, and the
 * console's function serves the same document at GET /openapi.json (infra/constructs/console-site.ts).
 *
 * Over 300 lines, not cut yet: what a route answers (the statuses its kind implies) and how the document writes it
 * are one seam; they move apart together with the route factory reading the same declarations, which the house
 * work still owes (one declaration per route, consumed by its handler).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { ERRORS, type ErrorCode } from '../shared/errors';
import { CORRELATION_HEADER } from '../shared/http/http-handler';
import { IDEMPOTENCY_HEADER } from '../shared/http/request-headers';
import type { BusinessRule, HeaderSpec, ResponseSpec, RouteContract } from './contract';
import { ROUTES } from './routes';

type JsonSchema = Record<string, unknown>;

export const OPENAPI_FILE = path.join(__dirname, '..', 'docs', 'openapi.json');
const SECURITY_SCHEME = 'cognitoAccessToken';

/** What every route with a JSON body may answer before the handler runs (shared/http/parse-body.ts). */
const BODY_ERRORS: readonly ErrorCode[] = [
  'BODY_REQUIRED',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'VALIDATION_FAILED',
];

/** What every route that takes an Idempotency-Key may answer (a retry while the first is running, a reused key). */
const IDEMPOTENCY_ERRORS: readonly ErrorCode[] = ['REQUEST_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED'];
/** The 429s answered through TooManyRequestsError (shared/http/errors.ts), which says when to come back. */
const RETRY_AFTER_ERRORS: readonly ErrorCode[] = ['TOO_MANY_ATTEMPTS', 'SIGN_IN_BUSY'];
const RETRY_AFTER_HEADER: HeaderSpec = {
  description:
    'Seconds to wait before trying again. Not on API Gateway’s own 429 (the stage’s throttle), hence optional.',
  schema: z.string().regex(/^[0-9]+$/),
};

/**
 * The answers API Gateway itself gives, with its own body `{"message": …}`: the JWT authorizer's 401, a body over
 * its payload limit (413, 10 MB, far above any route's own limit), the stage's throttle (429), and a function that
 * failed (500) or did not answer in time (503).
 */
const GATEWAY_ANSWERS: Record<number, string> = {
  401: 'Unauthorized',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const TAGS = [
  { name: 'platform', description: 'The caller, the web console and this document.' },
  { name: 'pet game', description: 'Daily interactions, the pet, and the missed-day job.' },
  { name: 'pizza', description: 'The menu, orders paid synchronously, their timelines and notifications.' },
  { name: 'events', description: 'Calendar events, registrations and their analytics.' },
  { name: 'quests', description: 'Sign-ins, quests, progress and the wallet.' },
];

/**
 * Schemas with an id (`.meta({ id })`) become components: zod puts them under the schema's `$defs`, and from there
 * they move to `components.schemas`, referenced from wherever they are used. One id, one schema.
 */
let components: Record<string, JsonSchema> = {};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'throw' }) as JsonSchema;
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = generated as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const relinked = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
  for (const [id, def] of Object.entries($defs ?? {})) {
    const component = relinked(def) as JsonSchema;
    const known = components[id];
    if (known && JSON.stringify(known) !== JSON.stringify(component)) {
      throw new Error(`Two different schemas have the id '${id}' (one of them read as ${io}?)`);
    }
    components[id] = component;
  }
  return relinked(rest) as JsonSchema;
}

/** A zod object's fields as OpenAPI parameters (a path parameter is always required). */
function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query' | 'header'): JsonSchema[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...fieldSchema } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

function headers(specs: Record<string, HeaderSpec> | undefined, correlated: boolean): JsonSchema | undefined {
  const all: Record<string, JsonSchema> = correlated
    ? { [CORRELATION_HEADER]: { $ref: '#/components/headers/CorrelationId' } }
    : {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    all[name] = {
      description: spec.description,
      required: spec.required ?? false,
      schema: jsonSchema(spec.schema, 'output'),
    };
  }
  return Object.keys(all).length > 0 ? all : undefined;
}

/**
 * The error codes a route answers with: its own, its rules', and those every route of its kind has. A rule whose
 * status has a response of the route's own (402 with the order's id) is answered with that body instead.
 */
export function errorCodes(route: RouteContract): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.errors ?? []);
  for (const { code } of route.rules ?? []) if (!route.responses[ERRORS[code].status]) codes.add(code);
  if (route.request?.body) for (const code of BODY_ERRORS) codes.add(code);
  if (route.request?.jsonOnly) codes.add('UNSUPPORTED_MEDIA_TYPE');
  if (route.request?.query || route.request?.headers) codes.add('VALIDATION_FAILED');
  if (route.request?.headers?.shape[IDEMPOTENCY_HEADER])
    for (const code of IDEMPOTENCY_ERRORS) codes.add(code);
  if (route.auth === 'jwt') codes.add('UNAUTHORIZED');
  if (route.groups?.length) codes.add('FORBIDDEN');
  codes.add('INTERNAL_ERROR');
  return [...codes];
}

/** The shared JSON error body (shared/http/errors.ts), its `code` one of those the route answers with at `status`. */
function errorBody(codes: readonly ErrorCode[]): JsonSchema {
  return jsonSchema(
    z.object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z
        .unknown()
        .optional()
        .describe('What failed: for a 400, the fields, each `{field, message}`.'),
    }),
    'output',
  );
}

const gatewayComponent = (status: number) => `Gateway${status}`;
const gatewayBody = (status: number): JsonSchema => ({
  $ref: `#/components/schemas/${gatewayComponent(status)}`,
});
const gatewayComponents = (): Record<string, JsonSchema> =>
  Object.fromEntries(
    Object.entries(GATEWAY_ANSWERS).map(([status, message]) => [
      gatewayComponent(Number(status)),
      {
        type: 'object',
        description: `API Gateway’s own answer (${status}), before or instead of the route’s function.`,
        properties: { message: { type: 'string', const: message } },
        required: ['message'],
        additionalProperties: false,
      },
    ]),
  );

function responses(route: RouteContract): Record<string, JsonSchema> {
  const correlated = route.correlated !== false;
  const byStatus = new Map<number, { own?: ResponseSpec; codes: ErrorCode[] }>();
  for (const [status, spec] of Object.entries(route.responses))
    byStatus.set(Number(status), { own: spec, codes: [] });
  for (const code of errorCodes(route)) {
    const status = ERRORS[code].status;
    const entry = byStatus.get(status) ?? { codes: [] };
    entry.codes.push(code);
    byStatus.set(status, entry);
  }
  const fromGatewayFor: Record<number, boolean> = {
    401: route.auth === 'jwt',
    413: route.request?.body !== undefined,
  };
  const gateway = (status: number) =>
    GATEWAY_ANSWERS[status] !== undefined && fromGatewayFor[status] !== false
      ? GATEWAY_ANSWERS[status]
      : undefined;
  for (const status of [413, 429, 500, 503])
    if (!byStatus.has(status) && gateway(status)) byStatus.set(status, { codes: [] });
  const rulesAt = (status: number) => (route.rules ?? []).filter((r) => ERRORS[r.code].status === status);

  const result: Record<string, JsonSchema> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const { own, codes } = byStatus.get(status)!;
    const fromGateway = gateway(status);
    const bodies: JsonSchema[] = [
      ...(own?.body ? [jsonSchema(own.body, 'output')] : []),
      ...(codes.length > 0 ? [errorBody(codes)] : []),
      ...(fromGateway ? [gatewayBody(status)] : []),
    ];
    const description = [
      ...(own ? [own.description] : []),
      ...codes.map((code) => `\`${code}\`: ${ERRORS[code].message}`),
      ...rulesAt(status).map(ruleText),
      ...(fromGateway ? [`API Gateway: ${fromGateway}.`] : []),
    ].join(' ');
    const retryAfter = codes.some((code) => RETRY_AFTER_ERRORS.includes(code))
      ? { 'retry-after': RETRY_AFTER_HEADER }
      : undefined;
    const responseHeaders = headers({ ...own?.headers, ...retryAfter }, correlated);
    const schema = bodies.length === 1 ? bodies[0] : bodies.length > 1 ? { anyOf: bodies } : undefined;
    result[String(status)] = {
      description,
      ...(responseHeaders ? { headers: responseHeaders } : {}),
      ...(schema
        ? {
            content: {
              [own?.body ? (own.contentType ?? 'application/json') : 'application/json']: { schema },
            },
          }
        : {}),
    };
  }
  return result;
}

const ruleText = ({ code, field, rule }: BusinessRule) =>
  `Beyond the schema: \`${code}\` when ${field ? `\`${field}\` ` : ''}${rule}.`;

function operation(route: RouteContract): JsonSchema {
  const templated = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const declared = Object.keys(route.request?.path?.shape ?? {});
  if (templated.sort().join() !== declared.sort().join()) {
    throw new Error(
      `${route.method} ${route.path}: path parameters ${templated} but a path schema for ${declared}`,
    );
  }
  const groups = route.groups ?? [];
  const description = [
    route.description,
    groups.length > 0 ? `Needs the ${groups.map((g) => `\`${g}\``).join(' or ')} group.` : undefined,
    route.request?.maxBodyBytes ? `The body is at most ${route.request.maxBodyBytes} bytes.` : undefined,
    route.softDelete
      ? 'A soft delete: the resource stays readable afterwards, in its final state.'
      : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const params = [
    ...parameters(route.request?.path, 'path'),
    ...parameters(route.request?.query, 'query'),
    ...parameters(route.request?.headers, 'header'),
  ];
  return {
    tags: [route.tag],
    operationId: route.operationId,
    summary: route.summary,
    ...(description ? { description } : {}),
    security: route.auth === 'public' ? [] : [{ [SECURITY_SCHEME]: [...groups] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.request?.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(route.request.body, 'input'),
                ...(route.request.example === undefined ? {} : { example: route.request.example }),
              },
            },
          },
        }
      : {}),
    responses: responses(route),
    ...(route.softDelete ? { 'x-soft-delete': true } : {}),
    // Read by the fuzzer (test/fuzz/hooks.py): the refusals of a schema-valid request that are the rules, not bugs.
    ...(route.rules?.length
      ? {
          'x-rules': route.rules.map(({ code, field, rule }) => ({
            status: ERRORS[code].status,
            code,
            ...(field ? { field } : {}),
            rule,
          })),
        }
      : {}),
  };
}

export function openApiDocument(routes: readonly RouteContract[] = ROUTES): JsonSchema {
  components = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    const method = route.method.toLowerCase();
    if (paths[route.path]?.[method]) throw new Error(`${route.method} ${route.path} is declared twice`);
    if (operationIds.has(route.operationId))
      throw new Error(`operationId ${route.operationId} is used twice`);
    operationIds.add(route.operationId);
    paths[route.path] = { ...paths[route.path], [method]: operation(route) };
  }
  const version = (
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Serverless platform API',
      version,
      description: [
        'The HTTP API of the pet game, the pizza shop, calendar events and quests. Generated from the routes’ zod',
        'schemas (`npm run openapi`); do not edit. Errors are JSON `{code, message, details}`; every answer of a',
        'route function carries `x-correlation-id`, the trace id the server minted. Any route may answer 429 when',
        'the platform is busy: wait (Retry-After when given) and send the same request again.',
      ].join(' '),
    },
    servers: [
      {
        url: '.',
        description:
          'The API that serves this document at GET /openapi.json (AWS: the stack output ApiUrl; an emulator: <endpoint>/_aws/execute-api/<HttpApiId>).',
      },
    ],
    tags: TAGS,
    security: [{ [SECURITY_SCHEME]: [] }],
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries({ ...components, ...gatewayComponents() }).sort(([a], [b]) => a.localeCompare(b)),
      ),
      securitySchemes: {
        [SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An access token of the user pool for the app client, from POST /auth/sign-in (the app client allows no password flow without IAM credentials). ID tokens are refused. The names in an operation’s requirement are the Cognito groups it needs (any one of them).',
        },
      },
      headers: {
        CorrelationId: {
          description:
            'The trace id the server minted for the request (every log line and event it causes carries it). A well-formed x-correlation-id you send is echoed in x-client-correlation-id instead.',
          required: false,
          schema: { type: 'string' },
        },
      },
    },
  };
}

/** The document as written to docs/openapi.json and served at GET /openapi.json. */
export function openApiJson(routes: readonly RouteContract[] = ROUTES): string {
  return `${JSON.stringify(openApiDocument(routes), null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(OPENAPI_FILE, openApiJson());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
