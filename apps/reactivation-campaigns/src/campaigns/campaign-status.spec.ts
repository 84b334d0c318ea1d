import { nextStatus } from './campaign';

describe(nextStatus.name, () => {
  it('should follow draft → scheduled → running ⇄ paused → completed', () => {
    expect(nextStatus('draft', 'launch')).toBe('running');
    expect(nextStatus('draft', 'launch', true)).toBe('scheduled');
    expect(nextStatus('scheduled', 'start')).toBe('running');
    expect(nextStatus('running', 'pause')).toBe('paused');
    expect(nextStatus('paused', 'resume')).toBe('running');
    expect(nextStatus('paused', 'complete')).toBe('completed');
  });

  it('should refuse moves the lifecycle does not allow', () => {
    expect(nextStatus('running', 'launch')).toBeNull();
    expect(nextStatus('draft', 'pause')).toBeNull();
    expect(nextStatus('completed', 'resume')).toBeNull();
    expect(nextStatus('completed', 'complete')).toBeNull();
    expect(nextStatus('draft', 'complete')).toBeNull();
  });
});
