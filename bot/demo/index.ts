export * from './demo-changes';
export * from './demo-connector';
export * from './demo-conversations';
export * from './demo-signals';
export * from './seed';
