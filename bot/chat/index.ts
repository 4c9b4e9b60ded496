export * from './card-actions';
export * from './commands';
export * from './help-card';
export * from './router';
export * from './turns';
