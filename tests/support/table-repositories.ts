/**
 * The Table Storage repositories against the test run's Azurite (started by
 * tests/support/global-setup), for the files that test them table by table. Each file gets its
 * own table prefix, so files and concurrent runs never share rows.
 */
import { beforeAll } from '@jest/globals';
import { TableClient } from '@azure/data-tables';
import type { Repositories } from '../../bot/directory/repositories';
import { createTableRepositories, tableNames } from '../../bot/directory/tables';
import { testConnectionString, uniqueTablePrefix } from './storage';

export interface TableRepositories {
  readonly repos: Repositories;
  readonly prefix: string;
}

/** Creates the file's repositories before its tests; `bind` receives them. */
export function useTableRepositories(bind: (tables: TableRepositories) => void): void {
  beforeAll(async () => {
    const prefix = uniqueTablePrefix();
    bind({ prefix, repos: await createTableRepositories({ connectionString: testConnectionString(), tablePrefix: prefix }) });
  });
}

/** The SDK's own client on one of the file's tables, to write rows no repository would. */
export const rawTable = (prefix: string, table: keyof ReturnType<typeof tableNames>): TableClient =>
  TableClient.fromConnectionString(testConnectionString(), tableNames(prefix)[table], { allowInsecureConnection: true });

export const values = <T>(rows: readonly { value: T }[]): T[] => rows.map((r) => r.value);
export const sortById = <T extends { id: string }>(items: T[]): T[] => [...items].sort((a, b) => a.id.localeCompare(b.id));

export const TENANT_A = '11111111-1111-4111-8111-111111111111';
export const NOW = '2025-03-01T09:00:00.000Z';

/** Conversation ids as Teams sends them, plus characters row keys cannot hold. */
export const CHANNEL_ID = '19:abc123def456@thread.tacv2';
export const GROUP_CHAT_ID = '19:meeting_NmQ0YTk2@thread.v2';
export const PERSONAL_ID = 'a:1xYzQ-8kq3_Lm9rTnAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEf';
export const PERSONAL_29 = '29:1AbCdEfGhIjKlMnOpQrStUvWxYz-0123456789_AbCdEfGhIjKlMnOpQrSt';
export const AWKWARD_ID = "19:x/y\\z#q?r;messageid=1 'quoted' élan";
