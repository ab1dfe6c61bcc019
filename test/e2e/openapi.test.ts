import * as fs from 'node:fs';
import { ApiGatewayV2Client, GetApiCommand, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { OPENAPI_FILE } from '../../api/openapi';
import { apiClient } from '../../scripts/lib/api-client';
import { deployedStacks } from '../../scripts/lib/stacks';
import { clientConfig } from '../../scripts/lib/target';

type Document = { paths: Record<string, Record<string, { security: unknown[] }>> };

const committed = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Document;
const documented = Object.fromEntries(
  Object.entries(committed.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => [
      `${method.toUpperCase()} ${path}`,
      operation.security.length === 0 ? 'NONE' : 'JWT',
    ]),
  ),
);

/** Every route of every HTTP API the app's stacks deployed, with its authorization: what the gateway has. */
async function deployedRoutes(): Promise<Record<string, string>> {
  const cfn = new CloudFormationClient(clientConfig());
  const apigw = new ApiGatewayV2Client(clientConfig());
  const routes: Record<string, string> = {};
  for (const StackName of await deployedStacks(cfn)) {
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName }))).StackResources ?? [];
    for (const resource of resources.filter((r) => r.ResourceType === 'AWS::ApiGatewayV2::Api')) {
      const ApiId = resource.PhysicalResourceId!;
      if ((await apigw.send(new GetApiCommand({ ApiId }))).ProtocolType !== 'HTTP') continue;
      let NextToken: string | undefined;
      do {
        const page = await apigw.send(new GetRoutesCommand({ ApiId, NextToken }));
        for (const route of page.Items ?? []) routes[route.RouteKey!] = route.AuthorizationType ?? 'NONE';
        NextToken = page.NextToken;
      } while (NextToken);
    }
  }
  return routes;
}

describe('the OpenAPI document and the deployed API', () => {
  test('every deployed route is in docs/openapi.json, and every operation there is deployed, with its auth', async () => {
    const deployed = await deployedRoutes();

    expect(Object.keys(deployed).length).toBeGreaterThanOrEqual(30);
    const missingFromDocument = Object.keys(deployed).filter((key) => !(key in documented));
    const notDeployed = Object.keys(documented).filter((key) => !(key in deployed));
    expect({ missingFromDocument, notDeployed }).toEqual({ missingFromDocument: [], notDeployed: [] });
    expect(deployed).toEqual(documented);
  });

  test('GET /openapi.json answers the document without a token', async () => {
    const response = await apiClient().get<Document>('/openapi.json');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.body).toEqual(committed);
  });
});
