export * from './card-actions';
export * from './commands';
export * from './help-card';
