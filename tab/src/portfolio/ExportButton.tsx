import { Button } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { saveBlob } from '../decisions/download';
import { utcDay } from '../shared/dates';
import type { GridColumnId } from './columns';
import { portfolioCsv, portfolioCsvFileName } from './csv-export';
import type { StrategicObjective, WorkItemView } from './types';

export interface ExportButtonProps {
  readonly domainName: string;
  /** The rows as the grid shows them: filtered and sorted. */
  readonly rows: readonly WorkItemView[];
  readonly columns: readonly GridColumnId[];
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
}

/** Downloads the current grid as CSV, made in the browser from what is on screen. */
export function ExportButton({ domainName, rows, columns, objectives }: ExportButtonProps) {
  return (
    <Button
      icon={<ArrowDownloadRegular />}
      onClick={() => saveBlob(new Blob([portfolioCsv(rows, columns, objectives)], { type: 'text/csv;charset=utf-8' }), portfolioCsvFileName(domainName, utcDay(Date.now())))}
    >
      Export CSV
    </Button>
  );
}
