/**
 * The user pool's groups; a route that needs one checks the verified token's `cognito:groups`. `staff` works in
 * the pizza shop (sees every order); `organizers` create calendar events and manage their own; `admins` may do
 * everything staff and organizers may.
 */
export const GROUPS = {
  players: 'players',
  admins: 'admins',
  staff: 'staff',
  organizers: 'organizers',
} as const;
export type GroupName = (typeof GROUPS)[keyof typeof GROUPS];
