/** Moved to @merchant-pulse/database (shared with after-sales-tickets). */
export { TransactionRunner } from '@merchant-pulse/database';
