import { Combobox, Option } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { DirectoryPerson } from '../../../bot/api-contract/people';
import type { Person } from '../../../bot/portfolio/domain/portfolio';

export interface OwnerPickerProps {
  readonly value: Person;
  readonly people: readonly DirectoryPerson[];
  onChange(owner: Person): void;
}

const MAX_SHOWN = 50;

/**
 * The owner, chosen from the tenant's people (kept with their id, so cards and mentions reach
 * them) or, for someone outside the directory such as a supplier's manager, typed as a name: the
 * portfolio allows an owner without an id. A typed name that is exactly a directory name is that person.
 */
export function OwnerPicker({ value, people, onChange }: OwnerPickerProps) {
  const query = value.displayName.trim().toLowerCase();
  const matches = useMemo(() => {
    // The chosen person's name is the whole text: show everyone, so another can be picked.
    const all = value.userId !== undefined || query === '' ? people : people.filter((p) => p.displayName.toLowerCase().includes(query));
    return all.slice(0, MAX_SHOWN);
  }, [people, query, value.userId]);

  const pickExact = () => {
    if (value.userId !== undefined) return;
    const exact = people.find((p) => p.displayName.toLowerCase() === query);
    if (exact) onChange({ userId: exact.userId, displayName: exact.displayName });
  };

  return (
    <Combobox
      freeform
      value={value.displayName}
      selectedOptions={value.userId ? [value.userId] : []}
      placeholder={people.length > 0 ? 'Search people or type a name' : 'Type a name'}
      onChange={(e) => onChange({ displayName: e.target.value })}
      onOptionSelect={(_e, d) => {
        const person = people.find((p) => p.userId === d.optionValue);
        if (person) onChange({ userId: person.userId, displayName: person.displayName });
      }}
      onBlur={pickExact}
    >
      {matches.map((p) => (
        <Option key={p.userId} value={p.userId} text={p.displayName}>
          {p.displayName}
        </Option>
      ))}
    </Combobox>
  );
}
