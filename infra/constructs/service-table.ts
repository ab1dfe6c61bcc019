import { Names, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import {
  OUTBOX_CREATED_ATTRIBUTE,
  OUTBOX_INDEX,
  OUTBOX_SHARD_ATTRIBUTE,
  TTL_ATTRIBUTE,
} from '../../shared/messaging/outbox';
import type { OutboxRelay } from './outbox-relay';
import { statefulRemovalPolicy } from './stage';

export interface ServiceTableProps {
  /** Every service table has an outbox: the only way its service's events reach the bus. */
  outbox: OutboxRelay;
  /**
   * The event sources (events/) its service owns: the relay publishes an outbox item of this table only when its
   * contract's source is one of them, so a function that may write this table cannot forge another service's
   * events. Empty for a service that publishes none.
   */
  sources: readonly string[];
}

/**
 * A service's own table: generic pk/sk keys (the service's adapters decide the item shapes), on demand, PITR,
 * a stream of new images that feeds the outbox relay, a sparse index of the outbox items still pending for the
 * sweeper, and a TTL attribute that expires outbox items and idempotency records. Kept when the stack is deleted,
 * except on a local stage.
 */
export class ServiceTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: ServiceTableProps) {
    super(scope, id, {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: statefulRemovalPolicy(scope),
      // A table of a system stack is named at synth: the platform's outbox relay and sweeper read its name
      // without a reference back into that stack (which would make the two stacks depend on each other). The
      // prefix is the platform stack's name, a literal: a nested stack's own name is known only at deploy.
      tableName:
        Stack.of(scope) === Stack.of(props.outbox)
          ? undefined
          : `${Stack.of(props.outbox).stackName}-${Names.uniqueId(scope)}-${id}`.slice(0, 255),
    });
    this.addGlobalSecondaryIndex({
      indexName: OUTBOX_INDEX,
      partitionKey: { name: OUTBOX_SHARD_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      sortKey: { name: OUTBOX_CREATED_ATTRIBUTE, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    props.outbox.addTable(this, props.sources);
  }
}
