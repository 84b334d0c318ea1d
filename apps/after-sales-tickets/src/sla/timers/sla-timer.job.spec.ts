import { parseSlaTimerJob, slaTimerJobId } from './sla-timer.job';

describe(slaTimerJobId.name, () => {
  it('should name the ticket, kind, stage with its level and version when a timer is armed', () => {
    const base = { ticketId: 'TK-1', kind: 'resolution' as const, version: 7 };
    expect(slaTimerJobId({ ...base, stage: 'warn', level: 0 })).toBe('sla.TK-1.resolution.warn.v7');
    expect(slaTimerJobId({ ...base, stage: 'breach', level: 1 })).toBe('sla.TK-1.resolution.breach2.v7');
  });

  it('should never produce the ":" BullMQ forbids in custom ids when a ticket id holds one', () => {
    expect(
      slaTimerJobId({ ticketId: 'a:b', kind: 'first_response', stage: 'warn', level: 0, version: 1 }),
    ).not.toContain(':');
  });
});

describe(parseSlaTimerJob.name, () => {
  it('should accept valid job data and refuse anything else', () => {
    const data = { ticketId: 'TK-1', kind: 'next_response', stage: 'breach', version: 3 };
    expect(parseSlaTimerJob(data)).toEqual(data);
    for (const bad of [
      null,
      {},
      { ...data, kind: 'reply' },
      { ...data, stage: 'late' },
      { ...data, version: '3' },
    ])
      expect(() => parseSlaTimerJob(bad)).toThrow('invalid SLA timer job data');
  });
});
