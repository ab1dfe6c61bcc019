import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { allEvents } from '../../../events';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';

type Resource = { Type: string; Properties: Record<string, unknown> };
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

describe('permissions: each function may do what its handler does, nothing more', () => {
  let resources: Record<string, Resource>;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new PlatformStack(app, STACK_NAME, {
      env: { account: '111111111111', region: 'eu-west-1' },
    });
    resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  });

  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

  /** The statements of every policy attached to the function's role. */
  function statementsOf(functionId: string): Statement[] {
    const role = (resources[functionId]!.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  }

  /** Route key → the logical id of the function behind it. */
  function routeFunctions(): [string, string][] {
    // The HTTP API's routes (a WebSocket route key starts with $ and its integration is built differently).
    const httpRoutes = ofType('AWS::ApiGatewayV2::Route').filter(
      ([, route]) => !String(route.Properties.RouteKey).startsWith('$'),
    );
    return httpRoutes.map(([, route]) => {
      const target = JSON.stringify(route.Properties.Target);
      const integrationId = Object.keys(resources).find((id) => target.includes(`"${id}"`))!;
      const uri = resources[integrationId]!.Properties.IntegrationUri as { 'Fn::GetAtt': string[] };
      return [String(route.Properties.RouteKey), uri['Fn::GetAtt'][0]!];
    });
  }

  const tableIds = () => ofType('AWS::DynamoDB::Table').map(([id]) => id);
  const writesATable = (statement: Statement) =>
    actionsOf(statement).some((a) => WRITE_ACTIONS.includes(a)) &&
    tableIds().some((table) => JSON.stringify(statement.Resource).includes(`"${table}"`));

  test('a handler behind a GET route can only read its table, unless it is listed with the reason it writes', () => {
    const gets = routeFunctions().filter(([key]) => key.startsWith('GET '));
    expect(gets.length).toBeGreaterThanOrEqual(8);

    const writing = gets.filter(([, fn]) => statementsOf(fn).some(writesATable)).map(([key]) => key);

    expect(writing.sort()).toEqual(Object.keys(GET_ROUTES_THAT_WRITE).sort());
  });

  test('GET /menu can neither touch the orders table nor put events on the bus', () => {
    const menu = routeFunctions().find(([key]) => key === 'GET /menu')![1];

    const actions = statementsOf(menu).flatMap(actionsOf);

    expect(actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('events:'))).toEqual([]);
  });

  test('only the outbox relay and sweeper put events, and only with the registered sources', () => {
    const registered = [...new Set(allEvents.map((e) => e.source))].sort();
    const publishers = ofType('AWS::Lambda::Function')
      .map(([id]) => ({
        id,
        puts: statementsOf(id).filter((s) => actionsOf(s).includes('events:PutEvents')),
      }))
      .filter(({ puts }) => puts.length > 0);

    const sourcesOf = (id: string) =>
      publishers.find((p) => p.id === id)!.puts.map((s) => s.Condition?.StringEquals);
    const relay = publishers.find((p) => p.id.includes('OutboxRelayFunction'))!.id;
    const sweeper = publishers.find((p) => p.id.includes('OutboxSweepFunction'))!.id;
    expect(sourcesOf(relay)).toEqual([{ 'events:source': registered }]);
    expect(sourcesOf(sweeper)).toEqual([{ 'events:source': registered }]);

    expect(publishers.map((p) => p.id).sort()).toEqual([relay, sweeper].sort());
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
