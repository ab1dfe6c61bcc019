import { App } from 'aws-cdk-lib';
import { STACK_NAME } from './names';
import { PlatformStack } from './platform-stack';

const app = new App();
// One stack: a bare `cdk deploy` (AWS) or `cdklocal deploy` (an emulator) deploys it with its nested stacks.
// The account the CLI resolved tells the local stage from AWS (infra/constructs/stage.ts).
new PlatformStack(app, STACK_NAME, {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1',
  },
  description:
    'Serverless platform: the pet game (interactions, pets) on EventBridge, SQS, DynamoDB and Lambda.',
});
