import * as z from 'zod';
import { DELIVERY_STATUSES } from '../../events/pizza';
import type { NotificationsView } from '../../functions/notifications/handlers/list-my-notifications';
import { defineRoute, sameType } from '../contract';
import { isoTime } from '../schemas';

const notifications = z.object({
  notifications: z.array(
    z.object({
      orderId: z.string(),
      eventId: z.string(),
      status: z.enum(['PLACED', 'READY', ...DELIVERY_STATUSES]),
      message: z.string(),
      at: isoTime,
    }),
  ),
});
sameType<z.output<typeof notifications>, NotificationsView>(true);

export const listMyNotifications = defineRoute({
  method: 'GET',
  path: '/notifications',
  operationId: 'listMyNotifications',
  summary: 'The caller’s latest 50 order notifications, newest first',
  tag: 'pizza',
  auth: 'jwt',
  responses: { 200: { description: 'The notifications.', body: notifications } },
});
