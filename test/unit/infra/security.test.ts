import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TEST_SOURCE_ADDRESS_HEADER } from '../../../functions/auth/handlers/input';
import { EMULATOR_ACCOUNT } from '../../../infra/constructs/stage';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

function synth(context: Record<string, unknown> = {}): {
  template: Template;
  resources: Record<string, Resource>;
} {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new PlatformStack(app, STACK_NAME, {
    env: { account: context.stage === 'local' ? EMULATOR_ACCOUNT : '111111111111', region: 'eu-west-1' },
  });
  const template = Template.fromStack(stack);
  return { template, resources: template.toJSON().Resources as Record<string, Resource> };
}

/** Every resource of every stack the app builds (the platform's and the systems' own), by logical id. */
function everyResource(context: Record<string, unknown> = {}): Record<string, Resource> {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  new PlatformStack(app, STACK_NAME, {
    env: { account: context.stage === 'local' ? EMULATOR_ACCOUNT : '111111111111', region: 'eu-west-1' },
  });
  const stacks = app.node.findAll().filter((c): c is Stack => c instanceof Stack);
  return Object.assign(
    {},
    ...stacks.map((stack) => Template.fromStack(stack).toJSON().Resources as Record<string, Resource>),
  );
}

describe('the stack’s security settings', () => {
  let aws: ReturnType<typeof synth>;
  let local: ReturnType<typeof synth>;

  beforeAll(() => {
    aws = synth();
    local = synth({ stage: 'local', apiThrottleRateLimit: '7', apiThrottleBurstLimit: '9' });
  });

  const ofType = (resources: Record<string, Resource>, type: string) =>
    Object.entries(resources).filter(([, r]) => r.Type === type);

  test('the app client has no OAuth flows and no callback URL, and no password flow without IAM credentials', () => {
    const [[, client]] = ofType(aws.resources, 'AWS::Cognito::UserPoolClient') as [[string, Resource]];

    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client.Properties.CallbackURLs).toBeUndefined();
    expect(client.Properties.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    // Its id is in every access token: USER_PASSWORD_AUTH or SRP on it would bypass POST /auth/sign-in.
    expect(client.Properties.ExplicitAuthFlows).toEqual([
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    expect(client.Properties.PreventUserExistenceErrors).toBe('ENABLED');
    // The refresh token no client uses lives Cognito's minimum, an hour, not its default 30 days.
    expect({
      validity: client.Properties.RefreshTokenValidity,
      unit: client.Properties.TokenValidityUnits,
    }).toEqual({ validity: 60, unit: expect.objectContaining({ RefreshToken: 'minutes' }) });
  });

  test('only the sign-in route’s function may call AdminInitiateAuth, on the stack’s own pool', () => {
    const policies = ofType(everyResource(), 'AWS::IAM::Policy');
    const granting = policies.filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('cognito-idp:AdminInitiateAuth'),
    );

    expect(granting.map(([, policy]) => JSON.stringify(policy.Properties.Roles))).toEqual([
      expect.stringContaining('SignInFunction'),
    ]);
    const statement = (
      granting[0]![1].Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
    ).Statement.find((s) => s.Action === 'cognito-idp:AdminInitiateAuth');
    expect(JSON.stringify(statement?.Resource)).toContain('UserPool');
  });

  test('the sign-in function trusts a test source-address header on the local stage only', () => {
    const signInEnv = (resources: Record<string, Resource>) =>
      ofType(resources, 'AWS::Lambda::Function')
        .filter(([id]) => id.includes('SignInFunction'))
        .map(([, fn]) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables);

    expect(
      signInEnv(everyResource()).map((v) => [v.SOURCE_ADDRESS_HEADER, v.SIGN_IN_ADDRESS_FREE_FAILURES]),
    ).toEqual([[undefined, undefined]]);
    expect(signInEnv(everyResource({ stage: 'local' })).map((v) => v.SOURCE_ADDRESS_HEADER)).toEqual([
      TEST_SOURCE_ADDRESS_HEADER,
    ]);
  });

  test('the order-status topic is encrypted with a rotating key of the stack and accepts only TLS', () => {
    const topics = ofType(aws.resources, 'AWS::SNS::Topic').filter(([id]) => id.includes('OrderStatus'));
    expect(topics).toHaveLength(1);
    const [[topicId, topic]] = topics as [[string, Resource]];
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    expect(aws.resources[keyId]).toMatchObject({
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true },
    });

    aws.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('EventBridge may publish to the order-status topic only on behalf of the project’s rule that targets it', () => {
    const [[topicId]] = ofType(aws.resources, 'AWS::SNS::Topic').filter(([id]) =>
      id.includes('OrderStatus'),
    ) as [[string, Resource]];
    const [[, policy]] = ofType(aws.resources, 'AWS::SNS::TopicPolicy').filter(
      ([, p]) => JSON.stringify(p.Properties.Topics) === JSON.stringify([{ Ref: topicId }]),
    ) as [[string, Resource]];
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    const [ruleId] = ofType(aws.resources, 'AWS::Events::Rule').find(([, r]) =>
      JSON.stringify(r.Properties.Targets).includes(`"${topicId}"`),
    )!;

    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
      }),
    ]);
  });

  test('on AWS the tables, the user pool and the topic key are retained when the stack goes', () => {
    const stateful = [
      ...ofType(aws.resources, 'AWS::DynamoDB::Table'),
      ...ofType(aws.resources, 'AWS::Cognito::UserPool'),
      ...ofType(aws.resources, 'AWS::KMS::Key'),
    ];

    expect(stateful.length).toBeGreaterThanOrEqual(9);
    for (const [id, resource] of stateful) {
      expect({ id, deletion: resource.DeletionPolicy, replace: resource.UpdateReplacePolicy }).toEqual({
        id,
        deletion: 'Retain',
        replace: 'Retain',
      });
    }
  });

  test('on a local stage they go with the stack', () => {
    const stateful = [
      ...ofType(local.resources, 'AWS::DynamoDB::Table'),
      ...ofType(local.resources, 'AWS::Cognito::UserPool'),
      ...ofType(local.resources, 'AWS::KMS::Key'),
    ];

    expect(stateful.length).toBeGreaterThanOrEqual(9);
    for (const [id, resource] of stateful) {
      expect({ id, deletion: resource.DeletionPolicy }).toEqual({ id, deletion: 'Delete' });
    }
  });

  test('the API’s default stage writes a JSON access log line per request to its log group', () => {
    const [[, stage]] = ofType(aws.resources, 'AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    const settings = stage.Properties.AccessLogSettings as {
      DestinationArn: { 'Fn::GetAtt': string[] };
      Format: string;
    };

    expect(stage.Properties.StageName).toBe('$default');
    expect(aws.resources[settings.DestinationArn['Fn::GetAtt'][0]!]?.Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  test('the API’s default stage throttles every route: 100 requests a second, bursts of 200, unless the context says', () => {
    const settingsOf = (resources: Record<string, Resource>) =>
      ofType(resources, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties.DefaultRouteSettings as Record<
        string,
        unknown
      >;

    expect(settingsOf(aws.resources)).toEqual({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    expect(settingsOf(local.resources)).toEqual({ ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 });
  });
});
