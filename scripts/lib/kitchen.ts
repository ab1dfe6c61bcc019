import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoKitchenStore } from '../../functions/kitchen/adapters/dynamodb-kitchen-store';
import { eventually } from './eventually';
import { queueDepth } from './queues';
import { clientConfig, loadOutputs, type StackOutputs } from './target';

/** An operator's handle on the kitchen: its switch, its settings, and who cooked what. */
export function kitchenOperator(outputs: StackOutputs = loadOutputs()) {
  const lambda = new LambdaClient(clientConfig());
  const repository = new DynamoKitchenStore(
    DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig())),
    outputs.KitchenTableName,
  );
  const functionNames = outputs.KitchenFunctionNames.split(',');

  const mappings = async () => {
    const all = [];
    for (const FunctionName of functionNames) {
      const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName }));
      for (const mapping of listed.EventSourceMappings ?? []) all.push({ FunctionName, mapping });
    }
    return all;
  };

  return {
    repository,
    functionNames,
    /** Messages waiting in a queue and messages being handled (received, not yet deleted). */
    queueDepth,
    /** Each kitchen's event source mapping and its state (Enabled, Disabled, ...). */
    async states(): Promise<{ functionName: string; uuid: string; state: string }[]> {
      return (await mappings()).map(({ FunctionName, mapping }) => ({
        functionName: FunctionName,
        uuid: mapping.UUID!,
        state: mapping.State ?? 'unknown',
      }));
    },
    /** Switches both kitchens' event source mappings and waits until the target says they are switched. */
    async setEnabled(enabled: boolean): Promise<void> {
      const wanted = enabled ? 'Enabled' : 'Disabled';
      for (const { mapping } of await mappings()) {
        await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID!, Enabled: enabled }));
      }
      for (const { FunctionName, mapping } of await mappings()) {
        await eventually(
          async () =>
            (await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID! }))).State === wanted,
          { what: `${FunctionName}'s mapping ${wanted}`, timeoutMs: 60_000 },
        );
      }
    },
  };
}
