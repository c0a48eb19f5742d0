// Runs anywhere. The pricing and rating engine's public surface (pure: no database, no IPC, no clock).
export * from './metrics';
export * from './aggregate';
export * from './plan-schema';
export * from './validate-plan';
export * from './charge-models';
export * from './billing-unit';
export * from './proration';
export * from './allocate';
export * from './rate-card';
export * from './statement';
export * from './rate';
export * from './rating-error';
export { groupDigits } from './decimal-field';
