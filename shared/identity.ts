/** The user pool's groups; a route that needs one checks the verified token's `cognito:groups`. */
export const GROUPS = { players: 'players', admins: 'admins' } as const;
export type GroupName = (typeof GROUPS)[keyof typeof GROUPS];
