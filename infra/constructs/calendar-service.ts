import { CfnOutput } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { calendar as routes } from '../../api/routes';
import { CALENDAR_SOURCE } from '../../events/calendar';
import {
  UPCOMING_INDEX,
  UPCOMING_PK,
  UPCOMING_SK,
} from '../../functions/calendar/adapters/dynamodb-calendar-store';
import { OUTPUTS } from '../names';
import type { Platform } from './platform';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/** Calendar events with roles, and their registrations: the routes under /events. */
export class CalendarService extends Construct {
  readonly table: ServiceTable;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    this.table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [CALENDAR_SOURCE] });
    this.table.addGlobalSecondaryIndex({
      indexName: UPCOMING_INDEX,
      partitionKey: { name: UPCOMING_PK, type: dynamodb.AttributeType.STRING },
      sortKey: { name: UPCOMING_SK, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    const fn = (name: string, handler: string, tableAccess: 'read' | 'readWrite' = 'readWrite') =>
      new ServiceFunction(this, name, { service: 'calendar', handler, table: this.table, tableAccess });

    const create = fn('CreateCalendarEventFunction', 'create-calendar-event');
    const registerFn = fn('RegisterFunction', 'register');
    platform.addRoute(routes.createCalendarEvent, create);
    platform.addRoute(
      routes.listCalendarEvents,
      fn('ListCalendarEventsFunction', 'list-calendar-events', 'read'),
    );
    platform.addRoute(routes.getCalendarEvent, fn('GetCalendarEventFunction', 'get-calendar-event', 'read'));
    platform.addRoute(routes.changeCalendarEvent, fn('ChangeCalendarEventFunction', 'change-calendar-event'));
    platform.addRoute(routes.cancelCalendarEvent, fn('CancelCalendarEventFunction', 'cancel-calendar-event'));
    platform.addRoute(routes.register, registerFn);
    platform.addRoute(routes.unregister, fn('UnregisterFunction', 'unregister'));
    platform.addRoute(
      routes.listRegistrations,
      fn('ListRegistrationsFunction', 'list-registrations', 'read'),
    );

    platform.watchFunctions('Calendar', [create, registerFn]);
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.calendarTable, value: this.table.tableName });
  }
}
