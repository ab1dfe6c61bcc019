import * as z from 'zod';
import { defineRoute } from '../contract';

const pageHeaders = {
  'content-security-policy': {
    description: 'Only the page’s own inline script runs (by its hash).',
    schema: z.string(),
    required: true,
  },
};

export const consolePage = defineRoute({
  method: 'GET',
  path: '/console',
  operationId: 'getConsole',
  summary: 'The web console',
  description:
    'One static page (ADR 9) with the configuration it needs. No token: the page holds no data, and every call it makes carries the user’s own token.',
  tag: 'platform',
  auth: 'public',
  correlated: false,
  responses: {
    200: { description: 'The page.', contentType: 'text/html', body: z.string(), headers: pageHeaders },
  },
});

export const openApiDocument = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This document',
  description:
    'The OpenAPI 3.1 document of the HTTP API, generated from the routes’ zod schemas (`npm run openapi`, `docs/openapi.json`). Public, like any API’s documentation; served by the console’s function.',
  tag: 'platform',
  auth: 'public',
  correlated: false,
  responses: {
    200: {
      description: 'The document.',
      body: z.object({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }).loose(),
    },
  },
});
