import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as ts from 'typescript';
import type { RouteContract } from '../../../api/contract';
import { errorCodes } from '../../../api/openapi';
import { ERRORS, type ErrorCode } from '../../../shared/errors';

/**
 * Every error code a route's handler can answer with is one its document lists, and every code its contract names
 * is one the handler can answer with: the contract's `errors` and `rules` cannot drift from the code. The handler
 * of each route is the one the CDK app wires to it (recorded while the stacks are built); its codes are found by
 * reading the handler and, through the type checker, every declaration it reaches in the layer that makes HTTP
 * answers (its service's handlers/ folder and shared/: its input helpers, the HTTP errors it constructs,
 * `parseInput`), down to the code literals. Use cases and domains answer outcomes, never HTTP errors (their order
 * statuses share names with codes: PAYMENT_DECLINED), so they are not read. Nor is the route factory (`httpRoute`):
 * what it answers (the body's 400s, 401, 403 for a group) the document derives from the route's kind.
 */
const REPO_ROOT = path.join(__dirname, '..', '..', '..');
/** Where HTTP answers are made: a service's handlers, and the shared HTTP layer. */
const ANSWERING = [/\/functions\/[^/]+\/handlers\//, /\/shared\//];
const entries = new Map<object, string>();

jest.mock('../../../infra/constructs/service-function', () => {
  const actual = jest.requireActual('../../../infra/constructs/service-function');
  class RecordedServiceFunction extends actual.ServiceFunction {
    constructor(scope: unknown, id: string, props: { service: string; handler: string }) {
      super(scope, id, props);
      entries.set(this, path.join(REPO_ROOT, 'functions', props.service, 'handlers', `${props.handler}.ts`));
    }
  }
  return { ...actual, ServiceFunction: RecordedServiceFunction };
});

/** Codes a handler reaches but cannot answer, each with the reason: a reading of the code cannot tell. */
const ONE_MAPPING = 'questAnswer maps every catalog outcome, for the three routes that save a quest';
const UNREACHABLE: Partial<Record<string, Partial<Record<ErrorCode, string>>>> = {
  createQuest: { UNKNOWN_QUEST: `${ONE_MAPPING}: a quest being created is never unknown` },
  changeQuest: { QUEST_EXISTS: `${ONE_MAPPING}: a change never creates` },
  deactivateQuest: { QUEST_EXISTS: `${ONE_MAPPING}: a deactivation never creates` },
};

/** What the reading stops at: the list of every code, and the route factory. */
const NOT_READ = new Set(['ERRORS', 'httpRoute', 'publicHttpRoute']);
const isCode = (text: string): text is ErrorCode => Object.hasOwn(ERRORS, text);

function codesReached(program: ts.Program, file: string): Set<ErrorCode> {
  const checker = program.getTypeChecker();
  const codes = new Set<ErrorCode>();
  const read = new Set<ts.Node>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) && isCode(node.text)) codes.add(node.text);
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'ERRORS'
    )
      if (isCode(node.name.text)) codes.add(node.name.text);
    if (ts.isIdentifier(node) && !NOT_READ.has(node.text)) {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol?.declarations ?? []) {
        const source = declaration.getSourceFile().fileName;
        if (read.has(declaration) || source.includes('node_modules') || !source.startsWith(REPO_ROOT))
          continue;
        if (!ANSWERING.some((layer) => layer.test(source))) continue;
        read.add(declaration);
        visit(declaration);
      }
    }
    ts.forEachChild(node, visit);
  };
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} is not in the program`);
  read.add(source);
  visit(source);
  return codes;
}

/** What a route answers without its handler saying so: the factory's and the gateway's (api/openapi.ts). */
function byItsKind(route: RouteContract): ErrorCode[] {
  return [
    'INTERNAL_ERROR',
    ...(route.auth === 'jwt' ? (['UNAUTHORIZED'] as const) : []),
    ...(route.groups?.length ? (['FORBIDDEN'] as const) : []),
    ...(route.request?.body
      ? (['BODY_REQUIRED', 'MALFORMED_JSON', 'BODY_TOO_LARGE', 'VALIDATION_FAILED'] as const)
      : []),
  ];
}

describe('the error codes of each route: its handler’s, and its document’s', () => {
  const handlers = new Map<RouteContract, string>();
  let program: ts.Program;

  beforeAll(() => {
    const { Platform } = jest.requireActual('../../../infra/constructs/platform');
    const addRoute = Platform.prototype.addRoute;
    jest.spyOn(Platform.prototype, 'addRoute').mockImplementation(function (
      this: unknown,
      ...args: unknown[]
    ) {
      const [route, handler] = args as [RouteContract, object];
      const entry = entries.get(handler);
      if (entry) handlers.set(route, entry);
      return addRoute.apply(this, args);
    });
    const { PlatformStack } = jest.requireActual('../../../infra/platform-stack');
    const { STACK_NAME } = jest.requireActual('../../../infra/names');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new PlatformStack(app, STACK_NAME, { env: { account: '111111111111', region: 'eu-west-1' } });
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(REPO_ROOT, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    program = ts.createProgram([...handlers.values()], config!.options);
  }, 120_000);

  test('every route served by a service function was found with its handler', () => {
    expect(handlers.size).toBeGreaterThan(25);
  });

  test('a handler answers only codes its route’s document lists', () => {
    const unlisted: Record<string, ErrorCode[]> = {};
    for (const [route, file] of handlers) {
      const listed = new Set(errorCodes(route));
      const ownAnswer = (code: ErrorCode) => route.responses[ERRORS[code].status] !== undefined;
      const unreachable = UNREACHABLE[route.operationId] ?? {};
      const codes = [...codesReached(program, file)].filter(
        (code) => !listed.has(code) && !ownAnswer(code) && !unreachable[code],
      );
      if (codes.length > 0) unlisted[route.operationId] = codes;
    }
    expect(unlisted).toEqual({});
  });

  test('every code a route’s contract names, its handler can answer with', () => {
    const neverAnswered: Record<string, ErrorCode[]> = {};
    for (const [route, file] of handlers) {
      const reached = new Set([...codesReached(program, file), ...byItsKind(route)]);
      const named = [...(route.errors ?? []), ...(route.rules ?? []).map((rule) => rule.code)];
      const codes = named.filter((code) => !reached.has(code));
      if (codes.length > 0) neverAnswered[route.operationId] = codes;
    }
    expect(neverAnswered).toEqual({});
  });
});
