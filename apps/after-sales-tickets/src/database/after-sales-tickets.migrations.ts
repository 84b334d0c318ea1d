import { InitAfterSalesTickets1763900000004 } from './migrations/1763900000004-InitAfterSalesTickets';

/** Every migration of after-sales-tickets, in order. */
export const afterSalesMigrations = [InitAfterSalesTickets1763900000004];
