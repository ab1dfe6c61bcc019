import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { interactionCompleted, interactionMissed } from '../../events/pet-game';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';

/** The player's pet: its state, its history, and the consumer that applies the game's rules to it. */
export class PetsService extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const environment = { TABLE_NAME: this.table.tableName, EVENT_BUS_NAME: platform.bus.eventBusName };
    const fn = (name: string, handler: string) => {
      const f = new ServiceFunction(this, name, { service: 'pets', handler, environment });
      this.table.grantReadWriteData(f);
      platform.bus.grantPutEventsTo(f);
      return f;
    };

    platform.addRoute('GET', '/pets/me', fn('GetMyPetFunction', 'get-my-pet'));
    platform.addRoute('PATCH', '/pets/me', fn('RenameMyPetFunction', 'rename-my-pet'));
    platform.addRoute('GET', '/pets/me/history', fn('GetMyPetHistoryFunction', 'get-my-pet-history'));

    const consumer = fn('ApplyInteractionEventsFunction', 'apply-interaction-events');
    const subscription = new EventSubscription(this, 'InteractionEventsSubscription', {
      bus: platform.bus,
      events: [interactionCompleted, interactionMissed],
      consumer,
      alarmTopic: platform.alarmTopic,
    });

    platform.watchQueue('Pets', subscription.queues);
    platform.watchFunctions('Pets', [consumer]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.petsTable, value: this.table.tableName });
    new CfnOutput(this, 'QueueOutput', {
      key: OUTPUTS.petsQueueUrl,
      value: subscription.queues.queue.queueUrl,
    });
    new CfnOutput(this, 'DlqOutput', {
      key: OUTPUTS.petsDlqUrl,
      value: subscription.queues.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, 'ConsumerOutput', {
      key: OUTPUTS.petsConsumerFunction,
      value: consumer.functionName,
    });
  }
}
