import { CfnOutput } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  UPCOMING_INDEX,
  UPCOMING_PK,
  UPCOMING_SK,
} from '../../functions/calendar/adapters/dynamodb-calendar-store';
import { OUTPUTS } from '../names';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/** Calendar events with roles, and their registrations (issue 11): the routes under /events. */
export class CalendarService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox });
    this.table.addGlobalSecondaryIndex({
      indexName: UPCOMING_INDEX,
      partitionKey: { name: UPCOMING_PK, type: dynamodb.AttributeType.STRING },
      sortKey: { name: UPCOMING_SK, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    const fn = (name: string, handler: string) =>
      new ServiceFunction(this, name, { service: 'calendar', handler, table: this.table });

    const create = fn('CreateCalendarEventFunction', 'create-calendar-event');
    const registerFn = fn('RegisterFunction', 'register');
    platform.addRoute('POST', '/events', create);
    platform.addRoute('GET', '/events', fn('ListCalendarEventsFunction', 'list-calendar-events'));
    platform.addRoute('GET', '/events/{id}', fn('GetCalendarEventFunction', 'get-calendar-event'));
    platform.addRoute('PATCH', '/events/{id}', fn('ChangeCalendarEventFunction', 'change-calendar-event'));
    platform.addRoute('DELETE', '/events/{id}', fn('CancelCalendarEventFunction', 'cancel-calendar-event'));
    platform.addRoute('POST', '/events/{id}/registrations', registerFn);
    platform.addRoute('DELETE', '/events/{id}/registrations/me', fn('UnregisterFunction', 'unregister'));
    platform.addRoute(
      'GET',
      '/events/{id}/registrations',
      fn('ListRegistrationsFunction', 'list-registrations'),
    );

    platform.watchFunctions('Calendar', [create, registerFn]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.calendarTable, value: this.table.tableName });
  }
}
