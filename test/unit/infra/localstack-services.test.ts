import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { REPO_ROOT } from '../../../infra/constructs/service-function';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * The LocalStack service names (its SERVICES setting) a CloudFormation resource type needs, by the type's
 * `AWS::<Service>` prefix. A prefix missing here fails the test: add it with the services it needs.
 */
const SERVICES_OF_PREFIX: Record<string, string[]> = {
  'AWS::ApiGateway': ['apigateway'],
  'AWS::ApiGatewayV2': ['apigateway'],
  'AWS::CDK': [], // AWS::CDK::Metadata: CloudFormation metadata, no service
  'AWS::CloudFormation': ['cloudformation'],
  'AWS::CloudFront': ['cloudfront'],
  'AWS::CloudWatch': ['cloudwatch'],
  'AWS::Cognito': ['cognito-idp'],
  'AWS::DynamoDB': ['dynamodb'],
  'AWS::ECR': ['ecr'],
  'AWS::Events': ['events'],
  'AWS::IAM': ['iam'],
  'AWS::KMS': ['kms'],
  'AWS::Lambda': ['lambda'],
  'AWS::Logs': ['logs'],
  'AWS::S3': ['s3'],
  'AWS::Scheduler': ['scheduler'],
  'AWS::SecretsManager': ['secretsmanager'],
  'AWS::SNS': ['sns'],
  'AWS::SQS': ['sqs'],
  'AWS::SSM': ['ssm'],
  'AWS::StepFunctions': ['stepfunctions'],
};

function servicesOf(type: string, properties: Record<string, unknown> | undefined): string[] {
  // A custom resource is a Lambda function that CloudFormation calls.
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    return ['lambda', 'cloudformation'];
  }
  const prefix = type.split('::').slice(0, 2).join('::');
  const services = SERVICES_OF_PREFIX[prefix];
  if (!services)
    throw new Error(`no LocalStack service known for ${type}: add ${prefix} to SERVICES_OF_PREFIX`);
  // The outbox relay reads the tables' streams, a service of its own in LocalStack.
  if (type === 'AWS::DynamoDB::Table' && properties?.StreamSpecification)
    return [...services, 'dynamodbstreams'];
  return services;
}

const compose = fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.localstack.yml'), 'utf8');

/** Every stack of the app, nested ones included, as scripts/deploy.sh synthesizes it for a local target. */
function localStacks(): Stack[] {
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      stage: 'local',
      testClock: 'on',
      localFunctionConcurrency: '2',
      localConsumerConcurrency: '2',
    },
  });
  new PlatformStack(app, STACK_NAME, { env: { account: '000000000000', region: 'us-east-1' } });
  return app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
}

describe('the LocalStack alternative (docker-compose.localstack.yml)', () => {
  test('pins its image to a release, never a floating tag', () => {
    const image = /^\s*image:\s*(\S+)\s*$/m.exec(compose)?.[1];
    expect(image).toBeDefined();
    // The tag, or the default of a ${LOCALSTACK_IMAGE_TAG:-<tag>} override.
    const tag = /^localstack\/localstack-pro:(?:\$\{LOCALSTACK_IMAGE_TAG:-([^}]+)\}|([^$]+))$/.exec(image!);
    expect(tag).not.toBeNull();
    expect(tag![1] ?? tag![2]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('SERVICES covers every service the synthesized stacks (nested ones too) and the CDK bootstrap use', () => {
    const listed = new Set(
      (/^\s*SERVICES:\s*(\S+)\s*$/m.exec(compose)?.[1] ?? '').split(',').map((s) => s.trim()),
    );
    const stacks = localStacks();
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    const types: { type: string; properties?: Record<string, unknown>; from: string }[] = [];
    for (const stack of stacks) {
      const resources = Template.fromStack(stack).toJSON().Resources as Resources;
      for (const r of Object.values(resources))
        types.push({ type: r.Type, properties: r.Properties, from: stack.stackName });
    }
    // `cdklocal bootstrap` deploys CDK's own template first.
    const bootstrap = fs.readFileSync(
      path.join(REPO_ROOT, 'node_modules', 'aws-cdk', 'lib', 'api', 'bootstrap', 'bootstrap-template.yaml'),
      'utf8',
    );
    for (const [, type] of bootstrap.matchAll(/Type:\s*((?:AWS|Custom)::\w+::\w+)/g))
      types.push({ type: type!, from: 'CDKToolkit' });
    // The CLI itself: CloudFormation deploys, STS tells it the account.
    const needed = new Map<string, string>([
      ['cloudformation', 'the CDK CLI'],
      ['sts', 'the CDK CLI'],
    ]);
    for (const { type, properties, from } of types) {
      for (const service of servicesOf(type, properties))
        if (!needed.has(service)) needed.set(service, `${type} in ${from}`);
    }
    const missing = [...needed]
      .filter(([service]) => !listed.has(service))
      .map(([s, why]) => `${s} (${why})`);
    expect(missing).toEqual([]);
  });
});
