import type { TicketCategory } from '@merchant-pulse/contracts';

/** How a return-visit call ended. */
export const VISIT_OUTCOMES = ['reached', 'no_answer', 'wrong_number'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** An agent's record of a return visit (the agent holds the visit's phone task). */
export interface RecordVisitOutcomeCommand {
  visitId: string;
  agent: string;
  outcome: VisitOutcome;
  /** Needs the merchant voiced (more terminals, QR, fee questions …), free text each. */
  needs: string[];
  /** A complaint: opens an after-sales ticket. */
  complaint?: { category: TicketCategory; summary: string };
  trainingRequested: boolean;
  note?: string;
}
