/**
 * The user pool's groups; a route that needs one checks the verified token's `cognito:groups`. `staff` works in
 * the pizza shop (sees every order); `admins` may do everything staff may.
 */
export const GROUPS = { players: 'players', admins: 'admins', staff: 'staff' } as const;
export type GroupName = (typeof GROUPS)[keyof typeof GROUPS];
