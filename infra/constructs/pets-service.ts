import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { pets as routes } from '../../api/routes';
import { interactionCompleted, interactionMissed, PETS_SOURCE } from '../../events/pet-game';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/** The player's pet: its state, its history, and the consumer that applies the game's rules to it. */
export class PetsService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [PETS_SOURCE] });
    const fn = (name: string, handler: string) =>
      new ServiceFunction(this, name, { service: 'pets', handler, table: this.table });

    platform.addRoute(routes.getMyPet, fn('GetMyPetFunction', 'get-my-pet'));
    platform.addRoute(routes.renameMyPet, fn('RenameMyPetFunction', 'rename-my-pet'));
    platform.addRoute(routes.getMyPetHistory, fn('GetMyPetHistoryFunction', 'get-my-pet-history'));

    const consumer = fn('ApplyInteractionEventsFunction', 'apply-interaction-events');
    const subscription = new EventSubscription(this, 'InteractionEventsSubscription', {
      bus: platform.bus,
      events: [interactionCompleted, interactionMissed],
      consumers: [consumer],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
    });

    platform.watchQueue('Pets', subscription.queues);
    platform.watchFunctions('Pets', [consumer]);
    subscription.queues.outputUrls({ queue: OUTPUTS.petsQueueUrl, dlq: OUTPUTS.petsDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.petsTable, value: this.table.tableName });
    new CfnOutput(this, 'ConsumerOutput', {
      key: OUTPUTS.petsConsumerFunction,
      value: consumer.functionName,
    });
  }
}
