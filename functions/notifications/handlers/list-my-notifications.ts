import { httpRoute } from '../../../shared/http/http-handler';
import { logger, metrics, notifications } from '../wiring';

const LIMIT = 50;

/** GET /notifications: the caller's latest messages about their orders, newest first. */
export const handler = httpRoute({ logger, metrics }, async ({ caller }) => {
  const latest = await notifications.latest(caller.userId, LIMIT);
  return {
    statusCode: 200,
    body: {
      notifications: latest.map(({ orderId, eventId, status, message, at }) => ({
        orderId,
        eventId,
        status,
        message,
        at,
      })),
    },
  };
});

export type NotificationsView = {
  notifications: { orderId: string; eventId: string; status: string; message: string; at: string }[];
};
