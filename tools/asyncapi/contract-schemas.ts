import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { IS_ISO8601 } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import {
  EVENT_TYPES,
  EventEnvelope,
  EventRegistry,
  IS_CONTRACT_YEAR,
  IS_PRIMITIVE_RECORD,
  IS_STORABLE_TEXT,
  PRIMITIVE_RECORD_LIMITS,
  RawTransactionV1,
} from '@merchant-pulse/contracts';
import { DocComments, propertyDoc } from './doc-comments';

// class-transformer exposes its metadata storage (needed to resolve @Type of nested classes) only
// from this deep path, whose types live elsewhere.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

/** A JSON Schema object (AsyncAPI Schema format, a superset of draft-07). */
export type JsonSchema = Record<string, unknown>;

/** Where the generated schemas live in the AsyncAPI document. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** Converters for the contracts' own constraints, which class-validator-jsonschema does not know. */
const additionalConverters: ISchemaConverters = {
  [IS_PRIMITIVE_RECORD]: {
    type: 'object',
    maxProperties: PRIMITIVE_RECORD_LIMITS.maxEntries,
    additionalProperties: {
      type: ['string', 'number', 'boolean', 'null'],
      maxLength: PRIMITIVE_RECORD_LIMITS.maxStringLength,
    },
  },
  // Free text Postgres can store: no NUL (lone surrogates cannot be said in a JSON Schema pattern).
  [IS_STORABLE_TEXT]: { type: 'string', pattern: '^[^\\u0000]*$' },
  // The 1900-9998 year range is stated in the field docs; the format pattern stays the Matches one.
  [IS_CONTRACT_YEAR]: {},
  isTimeZone: { type: 'string', examples: ['Asia/Shanghai'] },
  // Contract instants validate with strictSeparator (a 'T'); local dates without it.
  [IS_ISO8601]: (meta) =>
    (meta.constraints[0] as { strictSeparator?: boolean } | undefined)?.strictSeparator
      ? { type: 'string', format: 'date-time' }
      : { type: 'string', format: 'date' },
};

/** The classes a document starts from: the envelope, every payload and the raw transaction. */
export function rootSchemaNames(): string[] {
  return [
    EventEnvelope.name,
    ...EVENT_TYPES.map((type) => EventRegistry[type].payload.name),
    RawTransactionV1.name,
  ];
}

function refsIn(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child.slice(SCHEMA_REF_PREFIX.length));
      else refsIn(child, found);
    }
  }
}

/** Names reachable from the roots through `$ref`, so unrelated classes in the process stay out. */
function reachable(schemas: Record<string, JsonSchema>, roots: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    if (!schemas[name]) throw new Error(`No class-validator metadata for ${name}`);
    seen.add(name);
    const refs = new Set<string>();
    refsIn(schemas[name], refs);
    queue.push(...refs);
  }
  return [...seen].sort();
}

function withDocs(name: string, schema: JsonSchema, docs: DocComments): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const described = Object.fromEntries(
    Object.entries(properties).map(([property, propertySchema]) => {
      const description = propertyDoc(docs, name, property);
      return [property, description ? { ...propertySchema, description } : propertySchema];
    }),
  );
  const description = docs[name]?.description;
  return {
    ...schema,
    ...(description ? { description } : {}),
    properties: described,
    additionalProperties: false,
  };
}

/**
 * JSON Schemas of every contract class, generated from the class-validator metadata
 * (class-validator-jsonschema) and described with the classes' `/** *\/` docs.
 * `additionalProperties: false` documents what producers must send; consumers stay tolerant.
 */
export function buildContractSchemas(docs: DocComments): Record<string, JsonSchema> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_REF_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters,
  }) as Record<string, JsonSchema>;
  return Object.fromEntries(
    reachable(all, rootSchemaNames()).map((name) => [name, withDocs(name, all[name], docs)]),
  );
}
