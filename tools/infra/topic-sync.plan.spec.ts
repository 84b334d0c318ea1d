import { allTopicSpecs } from '@merchant-pulse/contracts';

import { planTopicSync } from './topic-sync.plan';

describe(planTopicSync.name, () => {
  const specs = [
    { topic: 'a.v1', numPartitions: 12 },
    { topic: 'a.dlq.v1', numPartitions: 6 },
  ];

  it('should create every topic when none exists', () => {
    const plan = planTopicSync(specs, new Map());
    expect(plan.map((step) => step.action)).toEqual(['create', 'create']);
    expect(plan[0]).toEqual({ topic: 'a.v1', numPartitions: 12, action: 'create' });
  });

  it('should grow a topic when it exists with fewer partitions', () => {
    const plan = planTopicSync(specs, new Map([['a.v1', 3]]));
    expect(plan[0]).toEqual({ topic: 'a.v1', numPartitions: 12, action: 'grow', currentPartitions: 3 });
    expect(plan[1].action).toBe('create');
  });

  it('should leave a topic alone when it already has the wanted partitions', () => {
    const plan = planTopicSync(
      specs,
      new Map([
        ['a.v1', 12],
        ['a.dlq.v1', 6],
      ]),
    );
    expect(plan.map((step) => step.action)).toEqual(['ok', 'ok']);
  });

  it('should keep a topic and report it when it has more partitions than wanted', () => {
    const plan = planTopicSync(specs, new Map([['a.dlq.v1', 9]]));
    expect(plan[1]).toEqual({ topic: 'a.dlq.v1', numPartitions: 6, action: 'keep', currentPartitions: 9 });
  });

  it('should ignore existing topics that are not wanted when planning the project topics', () => {
    const plan = planTopicSync(allTopicSpecs('it-1.'), new Map([['acquirer.transactions.v1', 12]]));
    expect(plan).toHaveLength(allTopicSpecs().length);
    expect(plan.every((step) => step.action === 'create')).toBe(true);
    expect(plan.find((step) => step.topic === 'it-1.acquirer.transactions.v1')?.numPartitions).toBe(12);
  });
});
