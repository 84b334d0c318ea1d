import { IllegalTransitionError, RuleViolationError } from '../shared/ticket.errors';
import type { FieldVisitRecord, FieldVisitStatus } from './field-visit.repository';

const NEXT: Record<FieldVisitStatus, readonly FieldVisitStatus[]> = {
  requested: ['scheduled', 'failed'],
  scheduled: ['en_route', 'scheduled', 'failed'],
  en_route: ['on_site', 'failed'],
  on_site: ['done', 'failed'],
  done: [],
  failed: [],
};

/** What a visit must carry to enter a status. */
export function assertVisitTransition(visit: FieldVisitRecord, to: FieldVisitStatus): void {
  if (!NEXT[visit.status].includes(to))
    throw new IllegalTransitionError('field visit', visit.status, to, NEXT[visit.status]);
  if (to === 'scheduled' && (!visit.engineer || !visit.windowStart || !visit.windowEnd))
    throw new RuleViolationError('schedule_incomplete', 'scheduling needs an engineer and a time window');
  if (visit.windowStart && visit.windowEnd && visit.windowEnd <= visit.windowStart)
    throw new RuleViolationError('window_inverted', 'the time window must end after it starts');
  if ((to === 'done' || to === 'failed') && !visit.outcome)
    throw new RuleViolationError('outcome_required', `a ${to} visit needs its outcome`);
}
