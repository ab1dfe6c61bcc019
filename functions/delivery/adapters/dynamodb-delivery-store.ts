import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionHolds, queryPages, withoutKeys } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import { SettingsItem } from '../../../shared/storage/settings-item';
import type { AdvanceDecision } from '../domain/advance';
import type { AssignDecision } from '../domain/dispatch';
import { DRIVERS } from '../domain/drivers';
import { type DeliverySettings, settingsFrom } from '../domain/legs';
import type { ReleaseDecision } from '../domain/sweep';
import type { Assignment, DeliveryOrder, DriverState, WaitingOrder } from '../domain/types';
import type { DeliveryStore } from '../ports';

const DRIVERS_PK = 'DRIVERS';
const WAITING_PK = 'WAITING';
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

const strip = withoutKeys;

/**
 * The delivery table: drivers (one partition: the pool), each driver's assignment history, one item per order,
 * the waiting list (sorted by when an order started to wait), and the outbox. Each change the domain decides is
 * one transaction: the new state, the outbox items of its events, and the domain's expectations of the state it
 * read turned into conditions.
 */
export class DynamoDeliveryStore implements DeliveryStore {
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

  async assign(decision: AssignDecision, now: Date): Promise<boolean> {
    const { order, driver, assignment, expected } = decision;
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...driverKey(driver.driverId), ...driver },
            ConditionExpression: `${expected.driverFree ? 'attribute_not_exists(orderId) AND ' : ''}assignments = :seen`,
            ExpressionAttributeValues: { ':seen': expected.driverAssignments },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...assignmentKey(driver.driverId, assignment.assignment), ...assignment },
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
          Put: {
            TableName: this.tableName,
            Item: { ...orderKey(order.orderId), ...order },
            ConditionExpression: '#status = :expected',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':expected': expected.orderStatus },
          },
        },
      ],
      decision.events,
      now,
    );
    return commit.committed;
  }

  async advance(decision: AdvanceDecision, now: Date): Promise<boolean> {
    const { order, expected, freed } = decision;
    const freeing = freed
      ? [
          {
            Update: {
              TableName: this.tableName,
              Key: driverKey(freed.driverId),
              UpdateExpression: 'REMOVE orderId SET freeSince = :at',
              ConditionExpression: 'orderId = :order',
              ExpressionAttributeValues: { ':order': freed.orderId, ':at': freed.at },
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: assignmentKey(freed.driverId, freed.assignment),
              UpdateExpression: 'SET freedAt = :at',
              ConditionExpression: 'orderId = :order',
              ExpressionAttributeValues: { ':order': freed.orderId, ':at': freed.at },
            },
          },
        ]
      : [];
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...orderKey(order.orderId), ...order },
            ConditionExpression: '#status = :expected',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':expected': expected.orderStatus },
          },
        },
        ...freeing,
      ],
      decision.events,
      now,
    );
    return commit.committed;
  }

  async release(decision: ReleaseDecision): Promise<boolean> {
    return conditionHolds(
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: driverKey(decision.driverId),
                UpdateExpression: 'REMOVE orderId SET freeSince = :at',
                ConditionExpression: 'orderId = :order AND assignments = :assignment',
                ExpressionAttributeValues: {
                  ':order': decision.orderId,
                  ':assignment': decision.assignment,
                  ':at': decision.at,
                },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: assignmentKey(decision.driverId, decision.assignment),
                UpdateExpression: 'SET freedAt = :at, releasedBySweeper = :yes',
                ConditionExpression: 'orderId = :order AND attribute_not_exists(freedAt)',
                ExpressionAttributeValues: { ':order': decision.orderId, ':at': decision.at, ':yes': true },
              },
            },
          ],
        }),
      ),
    );
  }

  /** Every order a driver has been given, in the order they were given (for operators and tests). */
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
