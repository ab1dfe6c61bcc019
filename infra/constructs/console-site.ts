import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { openApiJson } from '../../api/openapi';
import { consoleSite as routes } from '../../api/routes';
import { buildConsole } from '../../web/console/build';
import { consoleConfigFrom } from '../../web/console/server/config';
import { OUTPUTS } from '../names';
import type { Platform } from './platform';
import { esbuildTarget, FUNCTION_RUNTIME, REPO_ROOT } from './service-function';

/** The context flag that adds the S3 + CloudFront copy of the console (AWS): `cdk deploy -c consoleCdn=true`. */
export const CONSOLE_CDN_CONTEXT = 'consoleCdn';
export const CONSOLE_PATH = routes.consolePage.path;
/** The API's OpenAPI document, which the same function serves (api/openapi.ts; the file is docs/openapi.json). */
export const OPENAPI_FILE_NAME = 'openapi.json';

export interface ConsoleSiteProps {
  /** The live-updates API, once the stack has one; without it the console polls orders and hides events. */
  webSocket?: { apiId: string; stage: string; url: string };
  features?: { events?: boolean; quests?: boolean };
}

/**
 * The web console (ADR 9). Built with esbuild at synth into one page. Served by the platform itself:
 * a function behind `GET /console` on the HTTP API (no authorizer: the page holds no data), so the page, the
 * API and, on an emulator, Cognito and the WebSocket API share one origin and no target needs CORS. With
 * `-c consoleCdn=true` the same page also goes to a private S3 bucket behind CloudFront, with a config.json,
 * and the API answers CORS for it.
 */
export class ConsoleSite extends Construct {
  readonly serveFunction: lambda.Function;

  constructor(scope: Construct, id: string, platform: Platform, props: ConsoleSiteProps = {}) {
    super(scope, id);
    const built = buildConsole(path.join(REPO_ROOT, 'cdk.out.console'), esbuildTarget(FUNCTION_RUNTIME));
    // Generated from the route contracts at synth: what this deploy serves is the API this deploy has.
    fs.writeFileSync(path.join(built.dir, OPENAPI_FILE_NAME), openApiJson());
    const environment: Record<string, string> = {
      POWERTOOLS_SERVICE_NAME: 'console',
      USER_POOL_CLIENT_ID: platform.userPoolClient.userPoolClientId,
      FEATURE_EVENTS: String(Boolean(props.features?.events && props.webSocket)),
      FEATURE_QUESTS: String(Boolean(props.features?.quests)),
      ...(props.webSocket
        ? { WS_API_ID: props.webSocket.apiId, WS_STAGE: props.webSocket.stage, WS_URL: props.webSocket.url }
        : {}),
    };
    this.serveFunction = new lambda.Function(this, 'ServeFunction', {
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(built.dir, { exclude: ['config.json'] }),
      memorySize: 128,
      timeout: Duration.seconds(5),
      environment,
      logGroup: new logs.LogGroup(this, 'ServeFunctionLogs', {
        retention: logs.RetentionDays.TWO_WEEKS,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    Validations.of(this.serveFunction).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The AWS managed policy for a function’s own logs (CreateLogStream, PutLogEvents); it grants nothing else.',
    });
    // Both public routes share one integration (one resource fewer in a stack near its 500).
    const integration = new HttpLambdaIntegration('GETconsole', this.serveFunction);
    platform.addRoute(routes.consolePage, this.serveFunction, integration);
    platform.addRoute(routes.openApiDocument, this.serveFunction, integration);
    Validations.of(platform.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'GET /console serves the static sign-in page and GET /openapi.json the API’s documentation, without a token: they hold no data; every data route needs the JWT.',
    });
    new CfnOutput(this, 'ConsoleUrlOutput', {
      key: OUTPUTS.consoleUrl,
      value: `${platform.httpApi.apiEndpoint}${CONSOLE_PATH}`,
    });

    if (
      this.node.tryGetContext(CONSOLE_CDN_CONTEXT) === 'true' ||
      this.node.tryGetContext(CONSOLE_CDN_CONTEXT) === true
    ) {
      this.addCdn(platform, built.dir, environment);
    }
  }

  /** AWS: the page from a private bucket through CloudFront (origin access control), the API called with CORS. */
  private addCdn(platform: Platform, dir: string, environment: Record<string, string>) {
    const bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      },
    });
    const config = consoleConfigFrom({
      ...environment,
      AWS_REGION: Stack.of(this).region,
      CONSOLE_API_URL: platform.httpApi.apiEndpoint,
    });
    new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      sources: [
        s3deploy.Source.asset(dir, { exclude: ['index.js'] }),
        s3deploy.Source.jsonData('config.json', config),
      ],
      distribution,
    });
    // The page's origin differs from the API's here: the API answers CORS (a bearer token, no cookies).
    const api = platform.httpApi.node.defaultChild as apigwv2.CfnApi;
    api.corsConfiguration = {
      allowOrigins: [`https://${distribution.distributionDomainName}`],
      allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['x-correlation-id'],
      maxAge: 3600,
    };
    new CfnOutput(this, 'ConsoleCdnUrlOutput', {
      key: OUTPUTS.consoleCdnUrl,
      value: `https://${distribution.distributionDomainName}/`,
    });
  }
}
