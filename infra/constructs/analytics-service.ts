import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { analytics as routes } from '../../api/routes';
import { calendarEventCancelled, calendarEventCreated } from '../../events/calendar';
import { OUTPUTS } from '../names';
import { EventSubscription } from './event-subscription';
import type { Platform } from './platform';
import { QueueWithDlq } from './queue-with-dlq';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';

/**
 * Analytics: POST /track → the track queue (DLQ) → the aggregator; distinct users per event, type and UTC
 * day, for the events the bus announced (event.created) until they are cancelled (event.cancelled).
 */
export class AnalyticsService extends Construct {
  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    const table = new ServiceTable(this, 'Table', { outbox: platform.outbox, sources: [] });
    const tracks = new QueueWithDlq(this, 'TrackQueues', {
      consumerTimeout: Duration.seconds(30),
      alarmTopic: platform.alarmTopic,
    });
    const fn = (
      name: string,
      handler: string,
      timeout?: Duration,
      tableAccess: 'read' | 'readWrite' = 'readWrite',
    ) =>
      new ServiceFunction(this, name, {
        service: 'analytics',
        handler,
        table,
        tableAccess,
        timeout,
        environment: { TRACK_QUEUE_URL: tracks.queue.queueUrl },
      });

    // It reads whether the event takes tracks; the aggregator alone writes the counts.
    const track = fn('TrackFunction', 'track', undefined, 'read');
    tracks.queue.grantSendMessages(track);
    platform.addRoute(routes.track, track);
    platform.addRoute(
      routes.getEventAnalytics,
      fn('GetEventAnalyticsFunction', 'get-event-analytics', undefined, 'read'),
    );

    const aggregator = fn('AggregateTracksFunction', 'aggregate-tracks', Duration.seconds(30));
    tracks.consumeWith(aggregator, { batchSize: 10 });

    const organizers = new EventSubscription(this, 'OrganizerSubscription', {
      bus: platform.bus,
      events: [calendarEventCreated, calendarEventCancelled],
      consumers: [fn('RecordOrganizerFunction', 'record-organizer')],
      alarmTopic: platform.alarmTopic,
      undeliverable: platform.undeliverableEvents,
    });

    platform.watchQueue('Tracks', tracks);
    platform.watchQueue('Analytics organizers', organizers.queues);
    platform.watchFunctions('Analytics', [track, aggregator]);
    tracks.outputUrls({ queue: OUTPUTS.trackQueueUrl, dlq: OUTPUTS.trackDlqUrl });
    new CfnOutput(this, 'TableOutput', { key: OUTPUTS.analyticsTable, value: table.tableName });
  }
}
