import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CONSOLE_CDN_CONTEXT } from '../../../infra/constructs/console-site';
import { STACK_NAME } from '../../../infra/names';
import { PlatformStack } from '../../../infra/platform-stack';

function synth(context: Record<string, unknown>) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = new PlatformStack(app, STACK_NAME, { env: { account: '111111111111', region: 'eu-west-1' } });
  return Template.fromStack(stack);
}

describe('where the console is served', () => {
  test('by default the page is one route of the HTTP API without a token, and nothing else serves it', () => {
    const template = synth({});

    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /console',
      AuthorizationType: 'NONE',
    });
    template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    expect(JSON.stringify(template.findResources('AWS::ApiGatewayV2::Api'))).not.toContain(
      'CorsConfiguration',
    );
  });

  test('with the CDN flag the page also goes to a private bucket behind CloudFront, and the API allows only that origin', () => {
    const template = synth({ [CONSOLE_CDN_CONTEXT]: 'true' });

    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [
          { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] },
        ],
      }),
    });
  });
});
