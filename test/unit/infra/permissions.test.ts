import { App } from 'aws-cdk-lib';
import { allEvents } from '../../../events';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';
import { OUTBOX_PK_PREFIX } from '../../../shared/messaging/outbox';
import { appTemplates } from '../../support/app-templates';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };

/**
 * Routes that answer GET but write by design, with the reason. Every other GET handler may only read its table.
 */
const GET_ROUTES_THAT_WRITE: Record<string, string> = {
  'GET /pets/me': 'a player’s first call adopts the pet (the pet and its pet.adopted in one transaction)',
  'GET /pets/me/history': 'adopts the pet on first use, like GET /pets/me',
};

const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

describe('permissions: each function may do what its handler does, nothing more (every stack of the app)', () => {
  let app: ReturnType<typeof appTemplates>;

  beforeAll(() => {
    const cdkApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new PlatformStack(cdkApp, STACK_NAME, { env: { account: '111111111111', region: 'eu-west-1' } });
    app = appTemplates(cdkApp);
  });

  const ofType = (type: string) => [...app.resources].filter(([, r]) => r.Type === type);
  const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

  /** The statements of every policy attached to the function's role, in whichever stack the policy is. */
  function statementsOf(functionKey: string): Statement[] {
    const fn = app.resources.get(functionKey)!;
    const [role] = app.refsIn(app.stackOf(functionKey), fn.Properties.Role);
    expect(role).toBeDefined();
    return ofType('AWS::IAM::Policy')
      .filter(([key, p]) => app.refsIn(app.stackOf(key), p.Properties.Roles).includes(role!))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  }

  /** Route key → the function behind it. */
  function routeFunctions(): [string, string][] {
    // The HTTP API's routes (a WebSocket route key starts with $ and its integration is built differently).
    const httpRoutes = ofType('AWS::ApiGatewayV2::Route').filter(
      ([, route]) => !String(route.Properties.RouteKey).startsWith('$'),
    );
    return httpRoutes.map(([key, route]) => {
      const [integration] = app
        .refsIn(app.stackOf(key), route.Properties.Target)
        .filter((k) => app.resources.get(k)?.Type === 'AWS::ApiGatewayV2::Integration');
      const uri = app.resources.get(integration!)!.Properties.IntegrationUri;
      const [fn] = app
        .refsIn(app.stackOf(integration!), uri)
        .filter((k) => app.resources.get(k)?.Type === 'AWS::Lambda::Function');
      return [String(route.Properties.RouteKey), fn!];
    });
  }
  const routeFunction = (routeKey: string) => routeFunctions().find(([key]) => key === routeKey)![1];
  const functionsNamed = (part: string) =>
    ofType('AWS::Lambda::Function')
      .map(([key]) => key)
      .filter((key) => key.split('|')[1]!.includes(part));

  const tablesIn = (key: string, statement: Statement) =>
    app
      .refsIn(app.stackOf(key), statement.Resource)
      .filter((k) => app.resources.get(k)?.Type === 'AWS::DynamoDB::Table');
  const writes = (statement: Statement) => actionsOf(statement).some((a) => WRITE_ACTIONS.includes(a));
  /** The function's statements that may write a table, each with the tables it names. */
  function tableWrites(functionKey: string) {
    const fn = app.resources.get(functionKey)!;
    const [role] = app.refsIn(app.stackOf(functionKey), fn.Properties.Role);
    return ofType('AWS::IAM::Policy')
      .filter(([key, p]) => app.refsIn(app.stackOf(key), p.Properties.Roles).includes(role!))
      .flatMap(([key, p]) =>
        (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.map((statement) => ({
          statement,
          tables: tablesIn(key, statement),
        })),
      )
      .filter(({ statement, tables }) => writes(statement) && tables.length > 0);
  }

  test('the app has more than one stack, and every one of its functions is checked', () => {
    expect(app.stacks.length).toBeGreaterThan(1);
    expect(routeFunctions().length).toBeGreaterThanOrEqual(30);
    expect(routeFunctions().every(([, fn]) => fn !== undefined)).toBe(true);
  });

  test('a handler behind a GET route can only read its table, unless it is listed with the reason it writes', () => {
    const gets = routeFunctions().filter(([key]) => key.startsWith('GET '));
    expect(gets.map(([key]) => key)).toEqual(
      expect.arrayContaining(['GET /quests', 'GET /wallet', 'GET /menu']),
    );

    const writing = gets.filter(([, fn]) => tableWrites(fn).length > 0).map(([key]) => key);

    expect(writing.sort()).toEqual(Object.keys(GET_ROUTES_THAT_WRITE).sort());
  });

  test('POST /track may put a track on its queue and read whether the event takes tracks, and write no table', () => {
    const track = routeFunction('POST /track');

    expect(tableWrites(track)).toEqual([]);
    expect(statementsOf(track).flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['sqs:SendMessage', 'dynamodb:GetItem']),
    );
  });

  test('the outbox relay and sweeper may write a table only to delete its outbox items', () => {
    const [relay] = functionsNamed('OutboxRelayFunction');
    const [sweeper] = functionsNamed('OutboxSweepFunction');
    const tablesWithOutbox = ofType('AWS::DynamoDB::Table').filter(
      ([, t]) => (t.Properties.StreamSpecification as object | undefined) !== undefined,
    );

    for (const fn of [relay!, sweeper!]) {
      const grants = tableWrites(fn);
      expect(grants.flatMap(({ statement }) => actionsOf(statement))).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^dynamodb:(PutItem|UpdateItem|DeleteItem)$/)]),
      );
      for (const { statement } of grants) {
        expect(actionsOf(statement)).toEqual(['dynamodb:BatchWriteItem']);
        expect(statement.Condition).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${OUTBOX_PK_PREFIX}*`] },
        });
      }
      expect(new Set(grants.flatMap(({ tables }) => tables)).size).toBe(tablesWithOutbox.length);
    }
  });

  test('GET /menu can neither touch the orders table nor put events on the bus', () => {
    const actions = statementsOf(routeFunction('GET /menu')).flatMap(actionsOf);

    expect(actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('events:'))).toEqual([]);
  });

  test('only the outbox relay and sweeper put events, and only with the registered sources', () => {
    const registered = [...new Set(allEvents.map((e) => e.source))].sort();
    const publishers = ofType('AWS::Lambda::Function')
      .map(([key]) => ({
        key,
        puts: statementsOf(key).filter((s) => actionsOf(s).includes('events:PutEvents')),
      }))
      .filter(({ puts }) => puts.length > 0);

    const sourcesOf = (key: string) =>
      publishers.find((p) => p.key === key)!.puts.map((s) => s.Condition?.StringEquals);
    const [relay] = functionsNamed('OutboxRelayFunction');
    const [sweeper] = functionsNamed('OutboxSweepFunction');
    expect(sourcesOf(relay!)).toEqual([{ 'events:source': registered }]);
    expect(sourcesOf(sweeper!)).toEqual([{ 'events:source': registered }]);

    expect(publishers.map((p) => p.key).sort()).toEqual([relay, sweeper].sort());
  });

  test('every PutEvents grant names the sources it may put', () => {
    const puts = ofType('AWS::IAM::Policy')
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => actionsOf(s).includes('events:PutEvents'));

    expect(puts.length).toBeGreaterThanOrEqual(2);
    for (const statement of puts) {
      expect(statement.Condition).toEqual({ StringEquals: { 'events:source': expect.any(Array) } });
    }
  });
});
