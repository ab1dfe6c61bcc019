import { App } from 'aws-cdk-lib';
import { STACK_NAME } from './names';
import { PlatformStack } from './platform-stack';

const app = new App();
new PlatformStack(app, STACK_NAME, {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT ?? '000000000000',
    region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1',
  },
  description:
    'Serverless platform: the pet game (interactions, pets) on EventBridge, SQS, DynamoDB and Lambda.',
});
