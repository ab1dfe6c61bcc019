import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { FUNCTION_RUNTIME } from '../../infra/constructs/service-function';
import { clientConfig } from '../../scripts/lib/target';
import { stackLogGroups } from '../../scripts/lib/trace';
import { eventually, newPlayer } from '../support/platform';

jest.setTimeout(60_000);

const logs = new CloudWatchLogsClient(clientConfig());

type Line = Record<string, unknown> & { timestamp?: string };

/** The structured lines of the stacks' log groups that contain `text`, with their group. */
async function linesWith(text: string): Promise<{ group: string; line: Line }[]> {
  const found = [];
  for (const group of await stackLogGroups()) {
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName: group, filterPattern: `"${text}"`, nextToken }),
      );
      for (const event of page.events ?? []) {
        const raw = event.message?.trim() ?? '';
        if (raw.startsWith('{')) found.push({ group, line: JSON.parse(raw) as Line });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return found;
}

const majorOf = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('a deployed function runs on the Node the stack declares', () => {
  test('the function behind GET /whoami reports, at its cold start, the major version of its declared runtime', async () => {
    const declared = Number(/^nodejs(\d+)\.x$/.exec(FUNCTION_RUNTIME.name)?.[1]);
    expect(declared).toBeGreaterThanOrEqual(22);
    const player = await newPlayer();
    const response = await player.api.get('/whoami');
    expect(response.status).toBe(200);
    const correlationId = response.headers.get('x-correlation-id')!;

    // The function that answered, from its own line about this request.
    const handled = await eventually(
      async () => (await linesWith(correlationId)).find((l) => l.line.message === 'request handled'),
      { what: `the log line of the request ${correlationId}` },
    );
    const functionName = String(handled.line.function_name);
    const configuration = await new LambdaClient(clientConfig()).send(
      new GetFunctionConfigurationCommand({ FunctionName: functionName }),
    );
    expect(configuration.Runtime).toBe(FUNCTION_RUNTIME.name);

    // Its latest cold start: the process that answered (a warm one logged it when it started).
    const coldStarts = (await linesWith('cold start'))
      .filter(
        (l) =>
          l.line.message === 'cold start' &&
          l.group === handled.group &&
          l.line.function_name === functionName,
      )
      .map((l) => l.line)
      .sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
    const latest = coldStarts.at(-1);
    expect(latest).toMatchObject({ message: 'cold start', nodeVersion: expect.stringMatching(/^v\d+\./) });
    expect({ functionName, node: majorOf(String(latest!.nodeVersion)) }).toEqual({
      functionName,
      node: declared,
    });
  });
});
