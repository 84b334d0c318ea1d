import Ajv from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EVENT_EXAMPLES,
  EVENT_TYPES,
  EventRegistry,
  RAW_TRANSACTION_EXAMPLE,
  allTopicSpecs,
} from '@merchant-pulse/contracts';
import { channelIdOf } from './asyncapi-document';
import { generateAsyncApi, runAsyncApiCli } from './generate-asyncapi';

type Json = Record<string, any>;

const text = generateAsyncApi();
const document: Json = JSON.parse(text);

function resolve(pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => node?.[key], document);
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref') found.push(child as string);
      else refsIn(child, found);
    }
  }
  return found;
}

function payloadValidator(messageId: string) {
  const ajv = new Ajv({ validateSchema: false, unknownFormats: 'ignore' });
  ajv.addSchema(document, 'asyncapi');
  return ajv.compile({ $ref: `asyncapi#/components/messages/${messageId}/payload` });
}

describe(generateAsyncApi.name, () => {
  it('should produce an AsyncAPI 3.0.0 document deterministically when run twice', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(generateAsyncApi()).toBe(text);
  });

  it('should declare a channel with its partition count for every topic and dead-letter twin', () => {
    const specs = allTopicSpecs();

    expect(Object.keys(document.channels)).toHaveLength(specs.length);
    for (const { topic, numPartitions } of specs) {
      const channel = document.channels[channelIdOf(topic)];
      expect(channel.address).toBe(topic);
      expect(channel.bindings.kafka).toMatchObject({ topic, partitions: numPartitions });
      expect(Object.keys(channel.messages).length).toBeGreaterThan(0);
    }
  });

  it('should put every event type on its topic channel with a send operation', () => {
    for (const type of EVENT_TYPES) {
      const channelId = channelIdOf(EventRegistry[type].topic);
      expect(document.channels[channelId].messages[type]).toEqual({ $ref: `#/components/messages/${type}` });
      const operation = Object.values<Json>(document.operations).find(
        (op) => op.channel.$ref === `#/channels/${channelId}`,
      );
      expect(operation?.messages).toContainEqual({ $ref: `#/channels/${channelId}/messages/${type}` });
    }
  });

  it('should key every message by merchantId and give it a payload schema', () => {
    for (const [id, message] of Object.entries<Json>(document.components.messages)) {
      expect(message.bindings.kafka.key.description).toMatch(/merchantId/);
      expect(message.payload).toBeDefined();
      expect(id).toBe(message.name);
    }
    expect(document.components.schemas.EventEnvelope.required).toEqual(
      expect.arrayContaining(['id', 'type', 'version', 'occurredAt', 'producer', 'merchantId', 'payload']),
    );
  });

  it('should resolve every $ref in the document', () => {
    const unresolved = refsIn(document).filter((ref) => resolve(ref) === undefined);

    expect(unresolved).toEqual([]);
  });

  it('should describe every payload field from the contract docs', () => {
    const undocumented = Object.entries<Json>(document.components.schemas).flatMap(([name, schema]) =>
      Object.entries<Json>(schema.properties)
        .filter(([, property]) => !property.description)
        .map(([property]) => `${name}.${property}`),
    );

    expect(undocumented).toEqual([]);
  });

  it.each(EVENT_TYPES)(
    'should accept the %s example with its message schema and reject a broken one',
    (type) => {
      const validate = payloadValidator(type);
      const example = document.components.messages[type].examples[0].payload;

      expect(example.payload).toEqual(JSON.parse(JSON.stringify(EVENT_EXAMPLES[type])));
      expect(validate(example)).toBe(true);
      expect(validate({ ...example, payload: { ...example.payload, unexpected: 1 } })).toBe(false);
      expect(validate({ ...example, type: 'SomethingElse' })).toBe(false);
    },
  );

  it('should accept the raw transaction example and reject a float amount', () => {
    const validate = payloadValidator('RawTransaction');

    expect(validate(RAW_TRANSACTION_EXAMPLE)).toBe(true);
    expect(validate({ ...RAW_TRANSACTION_EXAMPLE, amountMinor: 100.5 })).toBe(false);
  });
});

describe(runAsyncApiCli.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asyncapi-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('should write the document and then pass --check when nothing changed', () => {
    const target = join(dir, 'docs/asyncapi.json');

    expect(runAsyncApiCli([], undefined, target)).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(text);
    expect(runAsyncApiCli(['--check'], undefined, target)).toBe(0);
  });

  it('should fail --check with the stale message when the committed file differs', () => {
    const target = join(dir, 'asyncapi.json');
    writeFileSync(target, text.replace('"3.0.0"', '"2.6.0"'));

    expect(runAsyncApiCli(['--check'], undefined, target)).toBe(1);
    expect(console.error).toHaveBeenCalledWith('docs/asyncapi/asyncapi.json is stale: run npm run asyncapi');
  });
});
