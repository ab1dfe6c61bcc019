import { createHash } from 'node:crypto';

/**
 * Where the interactions table keeps what the missed-day job reads: a day's active players and the roster. Both
 * are written by every player (a completion, an adoption), so each is spread over SHARDS partitions by a hash of
 * the user id: at 1,000 completions a second (2,000 write units: transaction writes cost two) no partition takes
 * more than a tenth, 200 units, a fifth of what one DynamoDB partition accepts. A player always lands in the same
 * shard, so the roster's "put if absent" still keeps one entry per player. Readers query every shard.
 */
export const HOT_KEY_SHARDS = 10;

export function shardOf(userId: string): number {
  return createHash('sha1').update(userId).digest().readUInt32BE(0) % HOT_KEY_SHARDS;
}

const shards = (prefix: string) => Array.from({ length: HOT_KEY_SHARDS }, (_, shard) => `${prefix}#${shard}`);

export const activeKey = (dayKey: string, userId: string) => ({
  pk: `ACTIVE#${dayKey}#${shardOf(userId)}`,
  sk: userId,
});
export const rosterKey = (userId: string) => ({ pk: `ROSTER#${shardOf(userId)}`, sk: userId });

/** A day's active partitions; the unsharded key is read too, for what was written before the shards. */
export const activePartitions = (dayKey: string) => [...shards(`ACTIVE#${dayKey}`), `ACTIVE#${dayKey}`];
/** The roster's partitions; the unsharded ROSTER is read too, so players adopted before the shards stay on it. */
export const rosterPartitions = () => [...shards('ROSTER'), 'ROSTER'];
