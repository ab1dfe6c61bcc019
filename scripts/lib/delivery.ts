import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeliveryRepository } from '../../functions/delivery/adapters/delivery-repository';
import { clientConfig, loadOutputs, type StackOutputs } from './target';

/** An operator's look into delivery: its settings, the drivers, their assignment history, an order's state. */
export function deliveryOperator(outputs: StackOutputs = loadOutputs()): DeliveryRepository {
  return new DeliveryRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig())),
    outputs.DeliveryTableName,
  );
}
