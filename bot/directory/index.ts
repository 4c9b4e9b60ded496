export * from './repositories';
export * from './tables';
