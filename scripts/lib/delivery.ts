import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryStore } from '../../functions/delivery/adapters/dynamodb-delivery-store';
import { clientConfig, loadOutputs, type StackOutputs } from './target';

/** An operator's look into delivery: its settings, the drivers, their assignment history, an order's state. */
export function deliveryOperator(outputs: StackOutputs = loadOutputs()): DynamoDeliveryStore {
  return new DynamoDeliveryStore(
    DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig())),
    outputs.DeliveryTableName,
  );
}
