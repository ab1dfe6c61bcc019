import * as z from 'zod';

/**
 * Every event carries the same metadata next to its payload: the id consumers use for idempotency,
 * the correlation id that ties it to the request that caused it, and the version of its schema.
 */
const metadataShape = {
  eventId: z.string().min(1).max(200),
  correlationId: z.string().min(1).max(200),
};

export interface EventDefinition<Payload extends z.ZodRawShape = z.ZodRawShape> {
  /** EventBridge `source`: the service that owns the event. */
  readonly source: string;
  /** EventBridge `detail-type`. */
  readonly detailType: string;
  readonly version: number;
  readonly description: string;
  /** The schema of the whole `detail`: metadata plus payload. */
  readonly schema: z.ZodObject<typeof metadataShape & Payload & { schemaVersion: z.ZodLiteral<number> }>;
  readonly example: EventDetail<EventDefinition<Payload>>;
}

export type EventDetail<D extends { schema: z.ZodType }> = z.infer<D['schema']>;

/** What a producer supplies: the detail without `schemaVersion`, which the publisher adds from the definition. */
export type EventInput<D extends { schema: z.ZodType }> = Omit<EventDetail<D>, 'schemaVersion'>;

export function defineEvent<Payload extends z.ZodRawShape>(definition: {
  source: string;
  detailType: string;
  version: number;
  description: string;
  payload: Payload;
  example: z.infer<z.ZodObject<typeof metadataShape & Payload>>;
}): EventDefinition<Payload> {
  const schema = z
    .object({ ...metadataShape, ...definition.payload, schemaVersion: z.literal(definition.version) })
    .strict();
  const example = schema.parse({ ...definition.example, schemaVersion: definition.version });
  return {
    source: definition.source,
    detailType: definition.detailType,
    version: definition.version,
    description: definition.description,
    schema: schema as EventDefinition<Payload>['schema'],
    example: example as EventDetail<EventDefinition<Payload>>,
  };
}

/** The EventBridge pattern that matches exactly this event. */
export function eventPattern(...definitions: EventDefinition[]): { source: string[]; detailType: string[] } {
  return {
    source: [...new Set(definitions.map((d) => d.source))],
    detailType: [...new Set(definitions.map((d) => d.detailType))],
  };
}

/**
 * An event a decision causes, not yet published: the domain returns these beside the new state, the repository
 * writes them to its outbox in the same transaction, and the relay puts them on the bus.
 */
export interface OutgoingEvent<D extends EventDefinition = EventDefinition> {
  readonly definition: D;
  readonly detail: EventInput<D>;
}

export function outgoing<D extends EventDefinition>(definition: D, detail: EventInput<D>): OutgoingEvent {
  return { definition, detail } as unknown as OutgoingEvent;
}
