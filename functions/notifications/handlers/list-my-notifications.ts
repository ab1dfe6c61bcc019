import { httpRoute } from '../../../shared/http/http-handler';
import { listMyNotifications } from '../use-cases/list-my-notifications';
import { logger, metrics, store } from '../wiring';

/** GET /notifications: the caller's latest messages about their orders, newest first. */
export const handler = httpRoute({ logger, metrics }, async ({ caller }) => ({
  statusCode: 200,
  body: await listMyNotifications({ store: store() }, caller.userId),
}));

export type NotificationsView = Awaited<ReturnType<typeof listMyNotifications>>;
