import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { quests as routes } from '../../api/routes';
import { QUEST_PROGRESS_SOURCE, questUpdated, rewardCredited, userSignedIn } from '../../events/quests';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction, type TableAccess } from './service-function';
import { ServiceTable } from './service-table';

/**
 * Quest progress, event-sourced: one stream per user and quest, the folded state and snapshots, a copy
 * of the catalog kept from quest.updated (read through a cache in the function), and the routes that show them.
 */
export class QuestProgressService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', {
      outbox: platform.outbox,
      sources: [QUEST_PROGRESS_SOURCE],
    });
    const fn = (
      name: string,
      handler: string,
      environment?: Record<string, string>,
      tableAccess?: TableAccess,
    ) =>
      new ServiceFunction(this, name, {
        service: 'quest-progress',
        handler,
        table: this.table,
        environment,
        tableAccess,
      });

    platform.addRoute(routes.listMyQuests, fn('ListMyQuestsFunction', 'list-my-quests', undefined, 'read'));
    platform.addRoute(
      routes.listMyQuestEvents,
      fn('ListMyQuestEventsFunction', 'list-my-events', undefined, 'read'),
    );

    // Progress decisions check the catalog copy's version on every read (TTL 0: one small read, the quests
    // reloaded only when they changed), so a sign-in after a quest change is always judged by the new catalog;
    // the read routes keep the default TTL (5 s), a display at most that old.
    const consumer = fn('ApplyQuestEventsFunction', 'apply-quest-events', { CATALOG_CACHE_TTL_MS: '0' });
    const subscription = new EventSubscription(this, 'ProgressSubscription', {
      bus: platform.bus,
      events: [userSignedIn, questUpdated, rewardCredited],
      consumers: [consumer],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableFor(this),
    });

    platform.watchQueue('Quest progress', subscription.queues);
    platform.watchFunctions('Quest progress', [consumer]);
    subscription.queues.outputUrls({
      queue: OUTPUTS.questProgressQueueUrl,
      dlq: OUTPUTS.questProgressDlqUrl,
    });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.questProgressTable, value: this.table.tableName });
    new CfnOutput(this, 'ConsumerOutput', {
      key: OUTPUTS.questProgressConsumerFunction,
      value: consumer.functionName,
    });
  }
}
