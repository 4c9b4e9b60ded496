/**
 * The downloadable CSV import template: the import's columns (the contract both sides read) and
 * one example row, with a UTF-8 byte-order mark so Excel opens it as UTF-8 rather than guessing.
 */
import { IMPORT_COLUMNS } from '../../../bot/api-contract/portfolio';

type Column = (typeof IMPORT_COLUMNS)[number];

/** One row a user can overwrite: every column filled in the form the importer reads. */
const EXAMPLE: Readonly<Record<Column, string>> = {
  title: 'Example: Supplier Portal',
  structure: 'project',
  mode: 'traditional',
  stage: 'Planning',
  owner: 'Alex Example',
  startDate: '2027-01-04',
  endDate: '2027-06-30',
  objectives: 'OBJ-1:60;OBJ-2:40',
  schedule: 'green',
  cost: 'green',
  scope: 'amber',
  benefit: 'unknown',
  plannedBenefit: '250',
  realisedBenefit: '0',
  benefitUnit: 'GBP k',
  parent: '',
};

const BOM = '\uFEFF';

/** A CSV field, quoted when it holds a separator, a quote or a line break. */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The template's text: BOM, the header line, the example row (CRLF, as RFC 4180 and Excel write). */
export function importTemplateCsv(): string {
  return `${BOM}${IMPORT_COLUMNS.join(',')}\r\n${IMPORT_COLUMNS.map((c) => field(EXAMPLE[c])).join(',')}\r\n`;
}

export const IMPORT_TEMPLATE_FILE = 'work-items-import-template.csv';
