export * from './app/identity';
export * from './app/people';
export * from './ports';
export * from './tables/user-directory';
