/** The grid's column choice as it travels in the URL (`cols=`) and changes in the column chooser. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_COLUMNS, moveColumn, parseColumns, serialiseColumns, toggleColumn } from '../../tab/src/portfolio/columns';

describe('grid columns in the URL', () => {
  it('keeps known columns in the given order and drops unknown ids and repeats', () => {
    expect(parseColumns('title,overall,nonsense,statusAge,overall')).toEqual(['title', 'overall', 'statusAge']);
    expect(parseColumns(' title , openSignals ')).toEqual(['title', 'openSignals']);
  });

  it('always shows the title, first when the URL leaves it out', () => {
    expect(parseColumns('overall,unansweredChanges')).toEqual(['title', 'overall', 'unansweredChanges']);
    expect(parseColumns('overall,title')).toEqual(['overall', 'title']);
  });

  it('falls back to the defaults when there is no known column', () => {
    expect(parseColumns(null)).toBe(DEFAULT_COLUMNS);
    expect(parseColumns('')).toBe(DEFAULT_COLUMNS);
    expect(parseColumns('foo,bar')).toBe(DEFAULT_COLUMNS);
  });

  it('writes nothing for the defaults and the ids otherwise, and reads back what it writes', () => {
    expect(serialiseColumns(DEFAULT_COLUMNS)).toBe('');
    const chosen = ['title', 'statusAge', 'overall'] as const;
    expect(serialiseColumns(chosen)).toBe('title,statusAge,overall');
    expect(parseColumns(serialiseColumns(chosen))).toEqual(chosen);
  });
});

describe('changing the columns', () => {
  it('moves a column one place either way, and not past either end', () => {
    const cols = ['title', 'mode', 'overall'] as const;
    expect(moveColumn(cols, 'mode', 1)).toEqual(['title', 'overall', 'mode']);
    expect(moveColumn(cols, 'mode', -1)).toEqual(['mode', 'title', 'overall']);
    expect(moveColumn(cols, 'overall', 1)).toBe(cols);
    expect(moveColumn(cols, 'title', -1)).toBe(cols);
  });

  it('hides a column, shows it again at the end, and never hides the title', () => {
    const cols = ['title', 'mode', 'overall'] as const;
    expect(toggleColumn(cols, 'mode', false)).toEqual(['title', 'overall']);
    expect(toggleColumn(['title', 'overall'], 'mode', true)).toEqual(['title', 'overall', 'mode']);
    expect(toggleColumn(cols, 'title', false)).toBe(cols);
  });
});
