import { DescribeTimeToLiveCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import {
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { applyFixups, type FixupClients } from '../../../infra/local-fixups/fixups';

/** The two APIs as an emulator answers them, in memory: TTL per table, reserved concurrency per function. */
function emulator(state: {
  ttl: Record<string, string | undefined>;
  reserved: Record<string, number | undefined>;
}) {
  const invoked: string[] = [];
  const calls: string[] = [];
  const clients = {
    dynamodb: {
      send: async (command: unknown) => {
        if (command instanceof DescribeTimeToLiveCommand) {
          const attribute = state.ttl[command.input.TableName!];
          return {
            TimeToLiveDescription: attribute
              ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute }
              : { TimeToLiveStatus: 'DISABLED' },
          };
        }
        if (command instanceof UpdateTimeToLiveCommand) {
          calls.push(`ttl ${command.input.TableName}`);
          state.ttl[command.input.TableName!] = command.input.TimeToLiveSpecification!.AttributeName;
          return {};
        }
        throw new Error('unexpected DynamoDB call');
      },
    },
    lambda: {
      send: async (command: unknown) => {
        if (command instanceof GetFunctionConcurrencyCommand)
          return { ReservedConcurrentExecutions: state.reserved[command.input.FunctionName!] };
        if (command instanceof PutFunctionConcurrencyCommand) {
          calls.push(`concurrency ${command.input.FunctionName}`);
          state.reserved[command.input.FunctionName!] = command.input.ReservedConcurrentExecutions;
          return {};
        }
        if (command instanceof InvokeCommand) {
          invoked.push(command.input.FunctionName!);
          return { Payload: new TextEncoder().encode('{"outcome":"expired"}') };
        }
        throw new Error('unexpected Lambda call');
      },
    },
  } as unknown as FixupClients;
  return { clients, calls, invoked, state };
}

describe('the local fix-ups', () => {
  test('set a dropped TTL and reserved concurrency, and leave what the emulator kept alone', async () => {
    const target = emulator({ ttl: { kept: 'expiration' }, reserved: { right: 2, wrong: 5 } });

    const done = await applyFixups(
      {
        tables: [
          { tableName: 'kept', ttlAttribute: 'expiration' },
          { tableName: 'dropped', ttlAttribute: 'expiration' },
        ],
        // As CloudFormation sends custom-resource properties: numbers as strings.
        functions: [
          { functionName: 'right', reservedConcurrency: '2' },
          { functionName: 'wrong', reservedConcurrency: '2' },
          { functionName: 'missing', reservedConcurrency: '2' },
        ],
        warm: [],
      },
      target.clients,
    );

    expect(target.calls).toEqual(['ttl dropped', 'concurrency wrong', 'concurrency missing']);
    expect(target.state).toEqual({
      ttl: { kept: 'expiration', dropped: 'expiration' },
      reserved: { right: 2, wrong: 2, missing: 2 },
    });
    expect(done).toHaveLength(3);
  });

  test('a second run changes nothing', async () => {
    const target = emulator({ ttl: { t: 'expiration' }, reserved: { f: 2 } });
    const request = {
      tables: [{ tableName: 't', ttlAttribute: 'expiration' }],
      functions: [{ functionName: 'f', reservedConcurrency: 2 }],
      warm: [],
    };
    expect(await applyFixups(request, target.clients)).toEqual([]);
    expect(target.calls).toEqual([]);
  });

  test('warms as many workers as asked, after the concurrency is set', async () => {
    const target = emulator({ ttl: {}, reserved: {} });
    const done = await applyFixups(
      {
        tables: [],
        functions: [{ functionName: 'payments', reservedConcurrency: '2' }],
        warm: [{ functionName: 'payments', workers: '2', codeKey: 'abc.zip' }],
      },
      target.clients,
    );
    expect(target.invoked).toEqual(['payments', 'payments']);
    expect(done).toEqual(['payments: reserved concurrency 2', 'payments: 2 workers warmed']);
  });
});
