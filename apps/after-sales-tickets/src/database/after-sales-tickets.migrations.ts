import { InitAfterSalesTickets1763900000004 } from './migrations/1763900000004-InitAfterSalesTickets';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { SlaEngine1797300000000 } from './migrations/1797300000000-SlaEngine';

/** Every migration of after-sales-tickets, in order. */
export const afterSalesMigrations = [
  InitAfterSalesTickets1763900000004,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  SlaEngine1797300000000,
];
