/**
 * What a stored tenant row must look like once read back: tables enforce no schema, so a row edited
 * by hand or written by an older version is checked before it reaches the domain. Typed against
 * the domain interface, so a domain change the storage does not follow fails to compile.
 */
import { z } from 'zod';

import type { Tenant } from '../kernel/tenant';

const text = z.string();
const timestamp = z.string().min(1);

export const tenantSchema: z.ZodType<Tenant> = z.object({
  tenantId: text.min(1),
  displayName: text,
  createdAt: timestamp,
});
