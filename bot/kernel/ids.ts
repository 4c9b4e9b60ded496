/** Random, URL- and table-key-safe ids with a readable prefix. */
import { randomUUID } from 'node:crypto';
import type { IdSource } from './runtime';

export const randomIds: IdSource = {
  next: (prefix) => `${prefix ? `${prefix}-` : ''}${randomUUID().replace(/-/g, '').slice(0, 16)}`,
};
