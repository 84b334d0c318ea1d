import { IllegalTransitionError, RuleViolationError } from '../shared/ticket.errors';
import type { FieldVisitRecord } from './field-visit.repository';
import { assertVisitTransition } from './field-visit-status.machine';

const visit = (overrides: Partial<FieldVisitRecord> = {}): FieldVisitRecord => ({
  id: 'v',
  ticketId: 't',
  status: 'requested',
  engineer: null,
  windowStart: null,
  windowEnd: null,
  address: 'a',
  partsUsed: [],
  outcome: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...overrides,
});

describe('field visit status machine', () => {
  it('should need an engineer and a window to schedule, and a window that ends after it starts', () => {
    expect(() => assertVisitTransition(visit(), 'scheduled')).toThrow(RuleViolationError);
    const start = new Date('2026-04-11T01:00:00Z');
    expect(() =>
      assertVisitTransition(visit({ engineer: 'e', windowStart: start, windowEnd: start }), 'scheduled'),
    ).toThrow(RuleViolationError);
    expect(() =>
      assertVisitTransition(
        visit({ engineer: 'e', windowStart: start, windowEnd: new Date('2026-04-11T03:00:00Z') }),
        'scheduled',
      ),
    ).not.toThrow();
  });

  it('should need an outcome to finish, and refuse skipping steps or leaving done/failed', () => {
    expect(() => assertVisitTransition(visit({ status: 'on_site' }), 'failed')).toThrow(RuleViolationError);
    expect(() => assertVisitTransition(visit({ status: 'on_site', outcome: 'x' }), 'done')).not.toThrow();
    expect(() => assertVisitTransition(visit({ status: 'requested' }), 'on_site')).toThrow(
      IllegalTransitionError,
    );
    expect(() => assertVisitTransition(visit({ status: 'failed', outcome: 'x' }), 'on_site')).toThrow(
      IllegalTransitionError,
    );
  });
});
