import { IllegalTransitionError } from '../shared/ticket.errors';
import { allowedNext, assertTransition, isReopen } from './ticket-status.machine';

describe('ticket status machine', () => {
  it('should allow the documented path open → assigned → in_progress ⇄ waiting_on_merchant → resolved → closed', () => {
    const path = [
      'open',
      'assigned',
      'in_progress',
      'waiting_on_merchant',
      'in_progress',
      'resolved',
      'closed',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1], path[i])).not.toThrow();
  });

  it('should refuse a jump with 409 naming the allowed moves', () => {
    try {
      assertTransition('open', 'waiting_on_merchant');
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect((error as IllegalTransitionError).getStatus()).toBe(409);
      expect((error as IllegalTransitionError).getResponse()).toMatchObject({
        allowedNext: allowedNext('open'),
      });
    }
  });

  it('should treat resolved|closed → in_progress as a reopen and nothing else', () => {
    expect(isReopen('resolved', 'in_progress')).toBe(true);
    expect(isReopen('closed', 'in_progress')).toBe(true);
    expect(isReopen('waiting_on_merchant', 'in_progress')).toBe(false);
    expect(() => assertTransition('closed', 'resolved')).toThrow(IllegalTransitionError);
  });
});
