import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { deployedStacks } from '../../scripts/lib/stacks';
import { clientConfig } from '../../scripts/lib/target';
import type { PetView } from '../support/pet-views';
import { eventually, newPlayer } from '../support/platform';

jest.setTimeout(60_000);

const logs = new CloudWatchLogsClient(clientConfig());

async function stackLogGroups(): Promise<string[]> {
  const cfn = new CloudFormationClient(clientConfig());
  const groups: string[] = [];
  for (const StackName of await deployedStacks(cfn)) {
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName }))).StackResources ?? [];
    for (const r of resources)
      if (r.ResourceType === 'AWS::Logs::LogGroup') groups.push(r.PhysicalResourceId!);
  }
  return groups;
}

/** The structured log lines, across the stack's functions, that carry this correlation id. */
async function linesWith(correlationId: string): Promise<{ group: string; line: Record<string, unknown> }[]> {
  const found = [];
  for (const group of await stackLogGroups()) {
    const { events = [] } = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, filterPattern: `"${correlationId}"` }),
    );
    for (const event of events) {
      const text = event.message?.trim() ?? '';
      if (text.startsWith('{')) found.push({ group, line: JSON.parse(text) as Record<string, unknown> });
    }
  }
  return found;
}

describe('a correlation id follows a request through the services', () => {
  test('the server mints the trace id for the logs of the API handler and the consumer; the client’s own id is only logged and echoed', async () => {
    const player = await newPlayer();
    await player.api.get('/pets/me');
    const clientId = `client-${Date.now()}`;
    const response = await player.api.post(
      '/interactions/complete',
      { templateId: 'play_10m' },
      { headers: { 'x-correlation-id': clientId } },
    );
    expect(response.status).toBe(201);
    const correlationId = response.headers.get('x-correlation-id');
    expect(response.headers.get('x-client-correlation-id')).toBe(clientId);
    expect(correlationId).toEqual(expect.any(String));
    expect(correlationId).not.toBe(clientId);
    await eventually(async () => (await player.api.get<PetView>('/pets/me')).body.xp === 10, {
      what: 'the pet updated',
    });

    const lines = await eventually(
      async () => {
        const found = await linesWith(correlationId!);
        const services = new Set(found.map((f) => f.line.service));
        return services.has('interactions') && services.has('pets') ? found : undefined;
      },
      { what: 'log lines from both services', timeoutMs: 20_000, intervalMs: 1000 },
    );
    for (const { line } of lines) {
      expect(line).toMatchObject({ correlationId, level: expect.any(String), message: expect.any(String) });
    }
    expect(lines.find((l) => l.line.service === 'interactions')?.line).toMatchObject({
      message: 'request handled',
      routeKey: 'POST /interactions/complete',
      statusCode: 201,
      clientCorrelationId: clientId,
    });
    expect(
      lines.find((l) => l.line.service === 'pets' && l.line.message === 'event handled')?.line,
    ).toMatchObject({
      detailType: 'interaction.completed',
      eventId: `completed#${player.userId}#${new Date().toISOString().slice(0, 10)}#play_10m`,
    });
    // The client's id never became anyone's trace id: only the API handler's own lines carry it.
    const withClientId = await linesWith(clientId);
    expect(
      withClientId.map((l) => ({ service: l.line.service, correlationId: l.line.correlationId })),
    ).toEqual(withClientId.map(() => ({ service: 'interactions', correlationId })));
  });
});
