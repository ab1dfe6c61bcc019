import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionHolds, queryPages } from '../../../shared/storage/dynamodb';
import { SettingsItem, withoutKeys } from '../../../shared/storage/settings-item';
import {
  type DeliveryOrder,
  type DeliverySettings,
  type DeliveryStatus,
  type DeliveryStep,
  DRIVERS,
  type DriverState,
  settingsFrom,
  type WaitingOrder,
} from '../domain/delivery';

const DRIVERS_PK = 'DRIVERS';
const WAITING_PK = 'WAITING';
const ANNOUNCE_PK = 'ANNOUNCE';
const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'DELIVERY' });
const driverKey = (driverId: string) => ({ pk: DRIVERS_PK, sk: driverId });
const assignmentKey = (driverId: string, assignment: number) => ({
  pk: `DRIVER#${driverId}`,
  sk: `ASSIGNMENT#${String(assignment).padStart(8, '0')}`,
});
const waitingKey = (order: WaitingOrder) => ({
  pk: WAITING_PK,
  sk: `${order.waitingSince}#${order.orderId}`,
});

export interface Assignment {
  driverId: string;
  assignment: number;
  orderId: string;
  assignedAt: string;
  freedAt?: string;
}

const strip = withoutKeys;

/**
 * The delivery table. Drivers (one partition: the pool), each driver's assignment history, one item per order,
 * the waiting list (sorted by when an order started to wait), and the announcements still to make. Every change
 * that decides who drives what is a transaction with conditions, so two workers never give one driver two orders
 * or one order two drivers.
 */
export class DeliveryRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.settingsItem = new SettingsItem(db, tableName, settingsFrom);
  }

  private readonly settingsItem: SettingsItem<DeliverySettings>;

  async settings(): Promise<DeliverySettings> {
    return this.settingsItem.read();
  }

  async updateSettings(change: Partial<DeliverySettings>): Promise<DeliverySettings> {
    return this.settingsItem.update(change);
  }

  /** Puts the pool's drivers in the table where they are missing; one already there keeps its state. */
  async seedDrivers(now: Date): Promise<void> {
    for (const driver of DRIVERS) {
      // A failed condition means it is there already: nothing to do.
      await conditionHolds(
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...driverKey(driver.driverId), ...driver, assignments: 0, freeSince: now.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    }
  }

  async drivers(): Promise<DriverState[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': DRIVERS_PK },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => strip<DriverState>(item));
  }

  async order(orderId: string): Promise<DeliveryOrder | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    return result.Item ? strip<DeliveryOrder>(result.Item) : undefined;
  }

  /** A ready order joins the waiting list; false when it is known already (a duplicate order.ready). */
  async enqueue(order: DeliveryOrder): Promise<boolean> {
    return conditionHolds(
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...orderKey(order.orderId), ...order },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...waitingKey(order), orderId: order.orderId, waitingSince: order.waitingSince },
              },
            },
          ],
        }),
      ),
    );
  }

  /** The orders that wait longest, oldest first. */
  async waiting(limit: number): Promise<WaitingOrder[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': WAITING_PK },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => ({
      orderId: String(item.orderId),
      waitingSince: String(item.waitingSince),
    }));
  }

  /**
   * Gives a waiting order to a driver, all or nothing: the driver must still be free and unchanged since read,
   * the order still waiting. The order is also put on the list of announcements to make (ASSIGNED, and the
   * first leg's step message), which whoever runs next completes even if this worker stops right after.
   * False when another worker got there first.
   */
  async assign(order: WaitingOrder, driver: DriverState, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const assignment = driver.assignments + 1;
    return conditionHolds(
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: driverKey(driver.driverId),
                UpdateExpression: 'SET orderId = :order, assignments = :next',
                ConditionExpression: 'attribute_not_exists(orderId) AND assignments = :seen',
                ExpressionAttributeValues: {
                  ':order': order.orderId,
                  ':next': assignment,
                  ':seen': driver.assignments,
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...assignmentKey(driver.driverId, assignment),
                  driverId: driver.driverId,
                  assignment,
                  orderId: order.orderId,
                  assignedAt: at,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Delete: {
                TableName: this.tableName,
                Key: waitingKey(order),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: orderKey(order.orderId),
                UpdateExpression:
                  'SET #status = :assigned, driverId = :driverId, driverName = :driverName, ' +
                  'assignment = :next, steps.ASSIGNED = :at',
                ConditionExpression: '#status = :waiting',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':assigned': 'ASSIGNED',
                  ':waiting': 'WAITING',
                  ':driverId': driver.driverId,
                  ':driverName': driver.name,
                  ':next': assignment,
                  ':at': at,
                },
              },
            },
            { Put: { TableName: this.tableName, Item: { pk: ANNOUNCE_PK, sk: order.orderId, at } } },
          ],
        }),
      ),
    );
  }

  /** Moves an order from the status before `step` to `step`; false when it was not in that status. */
  async advance(orderId: string, from: DeliveryStatus, step: DeliveryStep, now: Date): Promise<boolean> {
    return conditionHolds(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: orderKey(orderId),
          UpdateExpression: 'SET #status = :step, steps.#step = :at',
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status', '#step': step },
          ExpressionAttributeValues: { ':step': step, ':from': from, ':at': now.toISOString() },
        }),
      ),
    );
  }

  /** The driver is free again, if still on this order (a repeated DELIVERED step frees nobody twice). */
  async freeDriver(order: DeliveryOrder, now: Date): Promise<boolean> {
    if (!order.driverId || order.assignment === undefined) return false;
    const at = now.toISOString();
    return conditionHolds(
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: driverKey(order.driverId),
                UpdateExpression: 'REMOVE orderId SET freeSince = :at',
                ConditionExpression: 'orderId = :order',
                ExpressionAttributeValues: { ':order': order.orderId, ':at': at },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: assignmentKey(order.driverId, order.assignment),
                UpdateExpression: 'SET freedAt = :at',
                ConditionExpression: 'orderId = :order',
                ExpressionAttributeValues: { ':order': order.orderId, ':at': at },
              },
            },
          ],
        }),
      ),
    );
  }

  async pendingAnnouncements(): Promise<string[]> {
    const ids: string[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ANNOUNCE_PK },
      ConsistentRead: true,
    })) {
      for (const item of items) ids.push(String(item.sk));
    }
    return ids;
  }

  async announced(orderId: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: ANNOUNCE_PK, sk: orderId } }),
    );
  }

  /** Every order a driver has been given, in the order they were given. */
  async assignments(driverId: string): Promise<Assignment[]> {
    const all: Assignment[] = [];
    for await (const items of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `DRIVER#${driverId}`, ':prefix': 'ASSIGNMENT#' },
      ConsistentRead: true,
    })) {
      for (const item of items) all.push(strip<Assignment>(item));
    }
    return all;
  }
}
