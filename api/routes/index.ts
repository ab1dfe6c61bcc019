import type { RouteContract } from '../contract';
import * as analytics from './analytics';
import * as calendar from './calendar';
import * as consoleSite from './console';
import * as interactions from './interactions';
import * as notifications from './notifications';
import * as orders from './orders';
import * as pets from './pets';
import * as platform from './platform';
import * as quests from './quests';

export { analytics, calendar, consoleSite, interactions, notifications, orders, pets, platform, quests };

/**
 * Every route of the HTTP API, in the document's order. A route the CDK app deploys must be here (the unit test
 * in test/unit/api/openapi.test.ts compares the synthesized routes, and the e2e test the deployed ones).
 */
export const ROUTES: readonly RouteContract[] = [
  platform,
  interactions,
  pets,
  orders,
  notifications,
  calendar,
  analytics,
  quests,
  consoleSite,
].flatMap((module) =>
  Object.values(module).filter(
    (value): value is RouteContract => typeof value === 'object' && 'operationId' in value,
  ),
);
