/** Ops asks for a return call to one merchant now (from the at-risk worklist). */
export interface OpenCareVisitCommand {
  merchantId: string;
  /** Why, in the words the agent reads in the call script. */
  reason: string;
  /** Anything else the agent should know. */
  note?: string;
  /** Who asked (the API key id, or `console:<username>` via the console). */
  requestedBy: string;
}
