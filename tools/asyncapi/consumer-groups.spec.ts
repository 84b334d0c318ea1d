import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAsyncApiDocument, receiveOperationIdOf } from './asyncapi-document';
import { readConsumerGroups } from './consumer-groups';
import { findRepoRoot, generateAsyncApi, validateAsyncApi } from './generate-asyncapi';

const consumerSource = (decorator: string) => `
import { Injectable } from '@nestjs/common';
import { Topics } from '@merchant-pulse/contracts';
/** Sends a postcard per risk change. */
@Injectable()
${decorator}
export class PostcardConsumer {}
`;

describe(readConsumerGroups.name, () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'consumer-groups-'));
    mkdirSync(join(root, 'apps', 'postcards', 'src', 'risk'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (decorator: string) =>
    writeFileSync(join(root, 'apps/postcards/src/risk/postcard.consumer.ts'), consumerSource(decorator));

  it('should find a new app consumer with its group, topics and doc comment', () => {
    write(
      `@KafkaBatchConsumer({ groupId: 'postcards.risk', topics: [Topics.ChurnRisk, 'support.tickets.v1'] })`,
    );
    expect(readConsumerGroups(root)).toEqual([
      {
        service: 'postcards',
        groupId: 'postcards.risk',
        topics: ['churn.risk.v1', 'support.tickets.v1'],
        className: 'PostcardConsumer',
        description: 'Sends a postcard per risk change.',
        file: 'apps/postcards/src/risk/postcard.consumer.ts',
      },
    ]);
  });

  it('should refuse a group id the document cannot name (not a string literal)', () => {
    write(`@KafkaBatchConsumer({ groupId: GROUP, topics: [Topics.ChurnRisk] })`);
    expect(() => readConsumerGroups(root)).toThrow(/groupId must be a string literal/);
  });

  it('should refuse a topic it cannot resolve', () => {
    write(`@KafkaBatchConsumer({ groupId: 'postcards.risk', topics: [Topics.NoSuchTopic] })`);
    expect(() => readConsumerGroups(root)).toThrow(/cannot resolve topic Topics.NoSuchTopic/);
  });
});

describe('AsyncAPI receive operations', () => {
  const repoConsumers = readConsumerGroups(findRepoRoot());
  const document = JSON.parse(generateAsyncApi()) as {
    operations: Record<
      string,
      { action: string; channel: { $ref: string }; bindings: { kafka: { groupId: { enum: string[] } } } }
    >;
  };

  it('should find the consumer groups of the finished services', () => {
    expect(repoConsumers.map((c) => c.groupId)).toEqual(
      expect.arrayContaining([
        'transaction-ingestion.raw',
        'churn-scoring.activity',
        'merchant-registry.tiers',
      ]),
    );
  });

  it('should have one receive operation per consumer group and topic, bound to its group id', () => {
    const pairs = repoConsumers.flatMap((c) => c.topics.map((topic) => ({ groupId: c.groupId, topic })));
    const receives = Object.entries(document.operations).filter(([, op]) => op.action === 'receive');
    expect(receives).toHaveLength(pairs.length);
    for (const { groupId, topic } of pairs) {
      const op = document.operations[receiveOperationIdOf(groupId, topic)];
      expect(op.action).toBe('receive');
      expect(op.bindings.kafka.groupId.enum).toEqual([groupId]);
    }
  });

  it('should refuse a consumer of a topic libs/contracts does not declare', () => {
    const stray = { service: 'x', groupId: 'x.y', topics: ['no.such.v1'], className: 'X', file: 'x.ts' };
    expect(() => buildAsyncApiDocument({}, [stray])).toThrow(/no topic of libs\/contracts/);
  });
});

describe(validateAsyncApi.name, () => {
  it('should accept the generated document', async () => {
    expect(await validateAsyncApi(generateAsyncApi())).toEqual([]);
  }, 60_000);

  it('should report an operation whose action is not send/receive and a dangling channel reference', async () => {
    const broken = JSON.parse(generateAsyncApi());
    const [firstId] = Object.keys(broken.operations);
    broken.operations[firstId].action = 'consume';
    broken.operations.dangling = { action: 'receive', channel: { $ref: '#/channels/noSuchChannel' } };
    const problems = await validateAsyncApi(JSON.stringify(broken));
    expect(problems.some((p) => p.includes(`operations.${firstId}.action`))).toBe(true);
    expect(problems.some((p) => p.includes('noSuchChannel'))).toBe(true);
  }, 60_000);
});
