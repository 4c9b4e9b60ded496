export * from './app/link-conversation';
export * from './app/record-conversation';
export * from './cards/link-cards';
export * from './domain/conversation';
export * from './ports';
export * from './tables/conversation-store';
export * from './tables/link-repository';
export * from './cards/actions';
