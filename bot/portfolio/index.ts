export * from './app/inputs';
export * from './domain/portfolio';
export * from './ports';
export * from './tables/schemas';
export * from './tables/work-item-repository';
