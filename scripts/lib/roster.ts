import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { rosterKey } from '../../functions/interactions/adapters/keys';
import { clientConfig, loadOutputs, type StackOutputs } from './target';

/** An operator's look into the interactions service: is this player on the missed-day job's roster yet? */
export async function isOnRoster(userId: string, outputs: StackOutputs = loadOutputs()): Promise<boolean> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
  const result = await db.send(
    new GetCommand({
      TableName: outputs.InteractionsTableName,
      Key: rosterKey(userId),
      ConsistentRead: true,
    }),
  );
  return Boolean(result.Item);
}
