export * from './identity-check';
export * from './cn-resident-id.validator';
export * from './cn-credit-code.validator';
export * from './cn-mobile.validator';
export * from './bank-card.validator';
export * from './identity.decorators';
export * from './identity.transforms';
