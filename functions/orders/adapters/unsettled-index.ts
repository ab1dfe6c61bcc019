/**
 * The orders table's sparse index of orders whose payment attempt is unsettled (PAYMENT_PENDING, PAYMENT_UNKNOWN):
 * an order carries the shard attribute only while it is, so the reconciler reads those orders and nothing else.
 * Sharded so that no partition of the index takes every new order; sorted by the order's last change. Declared
 * here, without an SDK import, for the repository and the CDK app alike.
 */
export const UNSETTLED_INDEX = 'payment-unsettled';
export const UNSETTLED_SHARD_ATTRIBUTE = 'unsettledShard';
export const UNSETTLED_SINCE_ATTRIBUTE = 'updatedAt';
export const UNSETTLED_SHARDS = 4;
