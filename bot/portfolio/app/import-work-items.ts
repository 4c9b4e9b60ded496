/**
 * Bulk import of work items (from a CSV file, read by the route). Every row is checked first —
 * shape, then portfolio rules against existing items and the earlier rows of the same file —
 * and nothing is written unless every row is right. The error lists each bad row by its line.
 *
 * Writing a file takes several table transactions, so storage failing part way can leave part
 * of it saved. Importing the same file again then finishes it: a row's item id comes from the
 * row itself (and the tenant and domain), so a row already saved is recognised and skipped,
 * never saved twice; the person is told exactly that.
 */
import { createHash } from 'node:crypto';

import type { Benefits, Health, StrategicObjective, WorkItem } from '../domain/portfolio';
import { type ErrorDetail, type Result, fail, forbidden, invalid, notFound, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { z } from 'zod';
import { StorageUnavailable, storageUnavailableIn } from '../../kernel/storage-unavailable';
import { type WorkItemInput, createWorkItem } from '../domain/work-item';
import { type AssessedWorkItem, type PortfolioDeps, assess, portfolioContext, reporter } from './portfolio';
import { statusReportFor } from '../domain/status-report';
import { workItemInputSchema } from './inputs';
import { ItemsExistAlready } from '../ports';

const MAX_IMPORT_ROWS = 1000;

/** The fields a row may fill, as text; `objectives` is `OBJ-1:60;OBJ-2:40`. */
export type ImportField =
  | 'title'
  | 'structure'
  | 'mode'
  | 'stage'
  | 'owner'
  | 'startDate'
  | 'endDate'
  | 'objectives'
  | 'schedule'
  | 'cost'
  | 'scope'
  | 'benefit'
  | 'plannedBenefit'
  | 'realisedBenefit'
  | 'benefitUnit'
  | 'parent';

/** One row of the file: its line (for the error) and its fields. */
export interface ImportRow {
  readonly line: number;
  readonly fields: Readonly<Partial<Record<ImportField, string>>>;
}

/** What an import made. */
export interface ImportedWorkItems {
  readonly created: number;
  /** Rows whose item an earlier import of the same rows saved already (one that stopped part way): skipped. */
  readonly alreadyImported: number;
  readonly items: readonly AssessedWorkItem[];
}

/**
 * Storage gave up while the file was being written: earlier transactions may have saved part of
 * it. Answered like any storage failure (503, Retry-After), saying so and how to finish.
 */
class ImportInterrupted extends StorageUnavailable {
  override get userMessage(): string {
    const why = this.busy ? 'Many changes to this domain were being saved at once' : this.slow ? 'PMO Relay was too busy to finish it in time' : 'PMO Relay lost its storage';
    return `${why}, so the import stopped part way: some rows may have been saved. Import the same file again${this.busy || this.slow ? ' in a moment' : ' in a minute'} to finish it; rows already saved are skipped, so nothing is imported twice.`;
  }
}

/**
 * The id of the item a row makes: the same for the same row (its fields, trimmed) imported into
 * the same domain, so a row an interrupted import saved is known when the file comes again.
 * A row the file repeats gets its first copy's id, and is refused as a duplicate title.
 */
function rowItemId(tenantId: string, domainId: string, row: Row): string {
  const fields = Object.entries(row)
    .map(([field, value]) => [field, value?.trim() ?? ''] as const)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `wi-${createHash('sha256').update(JSON.stringify([tenantId, domainId, fields])).digest('hex').slice(0, 16)}`;
}

type Row = ImportRow['fields'];

const blank = (s: string | undefined): s is undefined => s === undefined || s.trim() === '';

/** The CSV column a field of the API's input comes from (where the two names differ). */
const CSV_COLUMNS: Readonly<Record<string, string>> = {
  'health.schedule': 'schedule',
  'health.cost': 'cost',
  'health.scope': 'scope',
  'health.benefit': 'benefit',
  'benefits.planned.value': 'plannedBenefit',
  'benefits.realised.value': 'realisedBenefit',
  'benefits.planned.unit': 'benefitUnit',
  'benefits.realised.unit': 'benefitUnit',
  'owner.displayName': 'owner',
};

/** A problem the input schema found, named by the file's column and said in the file's terms. */
function inCsvTerms(issue: z.core.$ZodIssue, at: string): ErrorDetail {
  const path = issue.path.map(String).join('.');
  // One column holds every objective and its weight ("OBJ-1:60;OBJ-2:40").
  const column = path.startsWith('objectives') ? 'objectives' : (CSV_COLUMNS[path] ?? path);
  const where = `${at} ${column}`;
  if (issue.code === 'invalid_value' && 'values' in issue) return { at: where, message: `must be one of ${issue.values.map(String).join(', ')}` };
  if (issue.code === 'invalid_type' && issue.expected === 'number') return { at: where, message: 'must be a number' };
  return { at: where, message: issue.message };
}

/** Turns a row of text fields into the same input the API accepts, or row-level problems. */
function rowToInput(row: Row, domainId: string, objectivesByCode: ReadonlyMap<string, StrategicObjective>, at: string): Result<{ input: Omit<WorkItemInput, 'parentId'>; parent?: string }> {
  const problems: ErrorDetail[] = [];
  const objectives = (row.objectives ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((pair) => {
      const [code = '', weightText = '100'] = pair.split(':').map((s) => s.trim());
      const objective = objectivesByCode.get(code.toLowerCase());
      const weight = Number(weightText);
      if (!objective) problems.push({ at: `${at} objectives`, message: `unknown objective code "${code}"` });
      if (!Number.isInteger(weight)) problems.push({ at: `${at} objectives`, message: `weight "${weightText}" for ${code} is not a whole number` });
      return objective ? [{ objectiveId: objective.id, weight }] : [];
    });
  const health: Partial<Record<keyof Health, string>> = {};
  for (const d of ['schedule', 'cost', 'scope', 'benefit'] as const) if (!blank(row[d])) health[d] = row[d].toLowerCase();
  let benefits: Benefits | undefined;
  if (!blank(row.plannedBenefit) || !blank(row.realisedBenefit)) {
    const unit = row.benefitUnit?.trim() || '';
    benefits = { planned: { value: Number(row.plannedBenefit || 0), unit }, realised: { value: Number(row.realisedBenefit || 0), unit } };
  }
  const candidate = {
    domainId,
    title: row.title ?? '',
    structure: (row.structure ?? '').toLowerCase(),
    mode: (row.mode ?? '').toLowerCase(),
    stage: row.stage ?? '',
    owner: { displayName: row.owner ?? '' },
    startDate: row.startDate ?? '',
    endDate: row.endDate ?? '',
    objectives,
    ...(Object.keys(health).length > 0 ? { health } : {}),
    ...(benefits ? { benefits } : {}),
  };
  const parsed = workItemInputSchema.safeParse(candidate);
  if (!parsed.success) {
    // The planned and the realised benefit share one unit column: one problem, said once.
    const said = new Set<string>();
    for (const problem of parsed.error.issues.map((issue) => inCsvTerms(issue, at))) {
      const key = `${problem.at}\n${problem.message}`;
      if (!said.has(key)) problems.push(problem);
      said.add(key);
    }
  }
  // The rules' own checks that need only the row, so a file's problems come in one answer.
  if (/^\d{4}-\d{2}-\d{2}$/.test(candidate.endDate) && /^\d{4}-\d{2}-\d{2}$/.test(candidate.startDate) && candidate.endDate < candidate.startDate) {
    problems.push({ at: `${at} endDate`, message: `the end date ${candidate.endDate} is before the start date ${candidate.startDate}` });
  }
  if (problems.length > 0 || !parsed.success) return invalid('row problems', problems);
  return ok({ input: parsed.data, ...(blank(row.parent) ? {} : { parent: row.parent.trim() }) });
}

/**
 * Imports work items into one domain. `parent` may name an existing program (by id or
 * title) or a program earlier in the same file (by title). `readRows` reads the uploaded file;
 * it runs only once the caller may import here, so nobody else learns what is wrong with it.
 */
export async function importWorkItems(
  deps: PortfolioDeps,
  p: Principal,
  domainId: string,
  readRows: () => Result<readonly ImportRow[]>,
): Promise<Result<ImportedWorkItems>> {
  // The right first, from the caller's roles alone: another domain's name is not theirs to learn.
  if (!can(p, 'portfolio.edit', { domainId })) return forbidden('Only the domain\'s PMO lead can import work items into it.');
  const domain = await deps.repos.domains.get(p.tenantId, domainId);
  if (!domain) return notFound(`Domain "${domainId}"`);
  const rows = readRows();
  if (!rows.ok) return rows;
  if (rows.value.length > MAX_IMPORT_ROWS) return invalid(`The file has ${rows.value.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once.`);

  // Parents and duplicate titles are looked up in the domain imported into.
  const [objectives, ctx] = await Promise.all([deps.repos.objectives.list(p.tenantId), portfolioContext(deps, p.tenantId, [domainId])]);
  const byCode = new Map(objectives.map((o) => [o.value.code.toLowerCase(), o.value]));
  const items = new Map<string, WorkItem>(ctx.items);
  const byTitle = new Map([...items.values()].map((i) => [i.title.toLowerCase(), i.id]));
  const problems: ErrorDetail[] = [];
  const made: WorkItem[] = [];
  const alreadyImported = new Set<string>();

  const ids = rows.value.map((row) => rowItemId(p.tenantId, domainId, row.fields));
  // A row saved by an earlier import whose item was moved to another domain since: not in this
  // domain's items, but the index knows it. Written again here, it would be a second copy.
  const elsewhere = await deps.repos.workItems.domainsOf(p.tenantId, ids.filter((id) => !ctx.items.has(id)));

  rows.value.forEach((row, n) => {
    const at = `row ${row.line}`;
    const id = ids[n] as string;
    const movedAway = elsewhere.has(id) && elsewhere.get(id) !== domainId;
    if (ctx.items.has(id) || movedAway) {
      // Saved by an earlier import of this row that stopped part way (or finished): it stays as it is.
      alreadyImported.add(id);
      return;
    }
    const shaped = rowToInput(row.fields, domainId, byCode, at);
    if (!shaped.ok) {
      problems.push(...(shaped.error.details ?? []));
      return;
    }
    const parentRef = shaped.value.parent;
    const parentId = parentRef === undefined ? undefined : items.has(parentRef) ? parentRef : byTitle.get(parentRef.toLowerCase());
    if (parentRef !== undefined && parentId === undefined) {
      problems.push({ at: `${at} parent`, message: `no program called "${parentRef}" exists or comes earlier in the file` });
      return;
    }
    const item = createWorkItem(id, { ...shaped.value.input, ...(parentId ? { parentId } : {}) }, { ...ctx, items });
    if (!item.ok) {
      problems.push(...(item.error.details ?? [{ at, message: item.error.message }]).map((d) => ({ at: `${at} ${d.at}`, message: d.message })));
      return;
    }
    if (byTitle.has(item.value.title.toLowerCase())) {
      problems.push({ at: `${at} title`, message: `a work item called "${item.value.title}" already exists` });
      return;
    }
    made.push(item.value);
    items.set(item.value.id, item.value);
    byTitle.set(item.value.title.toLowerCase(), item.value.id);
  });

  if (problems.length > 0) {
    const rows = new Set(problems.map((d) => d.at.split(' ').slice(0, 2).join(' '))).size;
    return invalid(`${rows} row${rows === 1 ? ' has' : 's have'} problems; nothing was imported.`, problems);
  }
  const by = reporter(p);
  const reports = new Map(made.flatMap((item) => {
    const report = statusReportFor(undefined, item, by, 'import', ctx.now);
    return report ? [[item.id, [report]] as const] : [];
  }));
  try {
    await deps.repos.workItems.createMany(made, reports);
  } catch (err) {
    if (err instanceof ItemsExistAlready) {
      return fail('CONFLICT.ALREADY_EXISTS', 'Another import of this file saved some of its rows at the same time. Import the same file again to finish: rows already saved are skipped, so nothing is imported twice.');
    }
    const unavailable = storageUnavailableIn(err);
    if (!unavailable) throw err;
    throw new ImportInterrupted(unavailable.retryAfterSeconds, { busy: unavailable.busy, slow: unavailable.slow, cause: err });
  }
  const stored = await deps.repos.workItems.getMany(p.tenantId, made.map((m) => m.id));
  return ok({ created: made.length, alreadyImported: alreadyImported.size, items: stored.map((s) => assess(s, domain.value, ctx.now)) });
}
