export * from './fee-rates';
export * from './compute-fee';
export * from './fee-for-transaction';
export * from './fee-promotions';
export * from './fee-terms.mapper';
export * from './fee-plan-in-force';
