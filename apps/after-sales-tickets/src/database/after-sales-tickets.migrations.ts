import { InitAfterSalesTickets1763900000004 } from './migrations/1763900000004-InitAfterSalesTickets';
import { AddOutboxFailedAndDeadLetterOverflow1796140000000 } from './migrations/1796140000000-AddOutboxFailedAndDeadLetterOverflow';
import { CreateTicketTables1797200000000 } from './migrations/1797200000000-CreateTicketTables';
import { SeedSupportTeams1797200000001 } from './migrations/1797200000001-SeedSupportTeams';
import { SlaEngine1797300000000 } from './migrations/1797300000000-SlaEngine';
import { MerchantMembership1798200000000 } from './migrations/1798200000000-MerchantMembership';

/** Every migration of after-sales-tickets, in order. */
export const afterSalesMigrations = [
  InitAfterSalesTickets1763900000004,
  AddOutboxFailedAndDeadLetterOverflow1796140000000,
  CreateTicketTables1797200000000,
  SeedSupportTeams1797200000001,
  SlaEngine1797300000000,
  MerchantMembership1798200000000,
];
