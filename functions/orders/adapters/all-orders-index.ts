/**
 * The orders table's index of every order, for the staff's list (GET /orders?all=true), newest first. Each order
 * item carries, from its creation on, a shard (`ALL#0`..`ALL#9`, by a hash of its id) and its place in the list
 * (`<createdAt>#<orderId>`); neither ever changes, and the index projects only the keys, so an order writes to the
 * index once, when it is created, whatever happens to it afterwards. At 1,000 new orders a second each of the 10
 * partitions takes about 100 writes a second. A page reads every shard's newest orders and merges them. Declared
 * here, without an SDK import, for the repository and the CDK app alike.
 */
export const ALL_ORDERS_INDEX = 'all-orders';
export const ALL_ORDERS_SHARD_ATTRIBUTE = 'orderListShard';
export const ALL_ORDERS_PLACE_ATTRIBUTE = 'orderListAt';
export const ALL_ORDERS_SHARDS = 10;
