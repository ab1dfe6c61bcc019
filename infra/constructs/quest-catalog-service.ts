import { CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { quests as routes } from '../../api/routes';
import { QUEST_CATALOG_SOURCE } from '../../events/quests';
import { OUTPUTS } from '../names';
import type { Platform } from './platform';
import { ServiceFunction, type TableAccess } from './service-function';
import { ServiceTable } from './service-table';

/** The quest catalog: GET /quests for everyone, the admin routes that change it and publish quest.updated. */
export class QuestCatalogService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', {
      outbox: platform.outbox,
      sources: [QUEST_CATALOG_SOURCE],
    });
    const fn = (name: string, handler: string, tableAccess?: TableAccess) =>
      new ServiceFunction(this, name, { service: 'quest-catalog', handler, table: this.table, tableAccess });
    const create = fn('CreateQuestFunction', 'create-quest');
    const change = fn('ChangeQuestFunction', 'change-quest');
    const deactivate = fn('DeactivateQuestFunction', 'deactivate-quest');
    platform.addRoute(routes.listQuests, fn('ListQuestsFunction', 'list-quests', 'read'));
    platform.addRoute(routes.createQuest, create);
    platform.addRoute(routes.changeQuest, change);
    platform.addRoute(routes.deactivateQuest, deactivate);
    platform.watchFunctions('Quest catalog', [create, change, deactivate]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.questCatalogTable, value: this.table.tableName });
  }
}
