import type { MerchantStatus } from '@merchant-pulse/contracts';
import { IllegalTransitionError } from '../shared/domain.errors';

/**
 * The merchant status machine (DESIGN.md): draft → submitted → under_review → approved | rejected;
 * approved → active; active ⇄ suspended; a reviewer may send an application under review back to
 * draft for changes (with reason codes), and a rejected application returns to draft to be corrected
 * and resubmitted; every status but closed may be closed, and closed is final.
 */
export const MERCHANT_TRANSITIONS: Readonly<Record<MerchantStatus, readonly MerchantStatus[]>> = {
  draft: ['submitted', 'closed'],
  submitted: ['under_review', 'closed'],
  under_review: ['approved', 'rejected', 'draft', 'closed'],
  approved: ['active', 'closed'],
  rejected: ['draft', 'closed'],
  active: ['suspended', 'closed'],
  suspended: ['active', 'closed'],
  closed: [],
};

/** Statuses a merchant in `status` may move to. */
export function allowedNextStatuses(status: MerchantStatus): readonly MerchantStatus[] {
  return MERCHANT_TRANSITIONS[status] ?? [];
}

/**
 * Refuses a move the machine does not allow.
 * @throws IllegalTransitionError (409) naming the current status and the allowed next ones.
 */
export function assertMerchantTransition(from: MerchantStatus, to: MerchantStatus): void {
  if (!allowedNextStatuses(from).includes(to)) {
    throw new IllegalTransitionError('merchant', from, to, allowedNextStatuses(from));
  }
}
