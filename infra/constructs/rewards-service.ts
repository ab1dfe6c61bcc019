import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { quests as routes } from '../../api/routes';
import { questCompleted, questUpdated, REWARDS_SOURCE } from '../../events/quests';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { ServiceFunction, type TableAccess } from './service-function';
import { ServiceTable } from './service-table';

/** Rewards: completions credited once (auto-claim or claim), the wallet and its ledger. */
export class RewardsService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [REWARDS_SOURCE] });
    const fn = (name: string, handler: string, tableAccess?: TableAccess) =>
      new ServiceFunction(this, name, { service: 'rewards', handler, table: this.table, tableAccess });

    const claim = fn('ClaimRewardFunction', 'claim-reward');
    platform.addRoute(routes.claimReward, claim);
    platform.addRoute(routes.getWallet, fn('GetWalletFunction', 'get-wallet', 'read'));

    const consumer = fn('ApplyRewardEventsFunction', 'apply-reward-events');
    const subscription = new EventSubscription(this, 'RewardsSubscription', {
      bus: platform.bus,
      events: [questCompleted, questUpdated],
      consumers: [consumer],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableFor(this),
    });

    platform.watchQueue('Rewards', subscription.queues);
    platform.watchFunctions('Rewards', [claim, consumer]);
    subscription.queues.outputUrls({ queue: OUTPUTS.rewardsQueueUrl, dlq: OUTPUTS.rewardsDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.rewardsTable, value: this.table.tableName });
  }
}
