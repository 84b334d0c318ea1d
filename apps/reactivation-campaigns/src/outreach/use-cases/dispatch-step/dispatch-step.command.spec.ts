import { DispatchStepCommand, DispatchStepJobData } from './dispatch-step.command';

const data = (patch: Partial<DispatchStepJobData> = {}): DispatchStepJobData => ({
  sendId: '0190f0a1-7b2c-5d3e-8f40-123456789abc',
  campaignId: 'CMP-1',
  merchantId: 'M-1',
  step: {
    index: 0,
    channel: 'sms',
    fallbackChannels: ['email', 'phone_task'],
    delayDays: 0,
    templateId: 'reactivation-default',
    purpose: 'marketing',
    onlyIfNotReactivated: true,
    valueTiers: [],
  },
  variables: {},
  dueAt: '2026-03-02T02:00:00.000Z',
  validUntil: '2026-04-01T02:00:00.000Z',
  channelIndex: 0,
  trail: [],
  ...patch,
});

describe(DispatchStepCommand.name, () => {
  it('should list the planned channel then its fallbacks when the job data is valid', () => {
    expect(new DispatchStepCommand(data(), false).channels).toEqual(['sms', 'email', 'phone_task']);
  });

  it('should refuse job data with a channel index past the fallbacks, an unknown channel or a bad instant', () => {
    expect(() => new DispatchStepCommand(data({ channelIndex: 3 }), false)).toThrow(TypeError);
    expect(
      () => new DispatchStepCommand(data({ step: { ...data().step, channel: 'fax' as never } }), false),
    ).toThrow(TypeError);
    expect(() => new DispatchStepCommand(data({ validUntil: 'soon' }), false)).toThrow(TypeError);
    expect(() => new DispatchStepCommand(null as never, false)).toThrow(TypeError);
  });
});
