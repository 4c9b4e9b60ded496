import { Combobox, Field, Option, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import type { AdminApi, PeopleSearchResponse, PersonMatch } from './api';

/** Waits for a pause in typing, so a name typed quickly is one search, not one per letter. */
const DEBOUNCE_MS = 250;

const SOURCE_LABELS: Readonly<Record<PersonMatch['source'], string>> = {
  roles: 'has used PMO Relay',
  teams: 'met in Teams',
  directory: 'from the directory',
};

type Found = { readonly status: 'idle' | 'searching' } | { readonly status: 'done'; readonly answer: PeopleSearchResponse } | { readonly status: 'error'; readonly message: string };

/** What a person found shows beside their name: where they were found and the roles they hold. */
export const describeMatch = (p: PersonMatch): string => [p.email, SOURCE_LABELS[p.source], ...p.roles.map((r) => r.label)].filter(Boolean).join(' · ');

function hint(found: Found): string {
  if (found.status !== 'done') return 'Type part of a name: people who used PMO Relay, talked to the bot or are on a linked team.';
  const { people, directory } = found.answer;
  const suffix = directory === 'unavailable' ? ' The tenant directory could not be searched just now.' : directory === 'off' ? '' : ' The tenant directory was searched too.';
  return `${people.length === 0 ? 'Nobody found by that name.' : `${people.length} found.`}${suffix}`;
}

/** Finds people by name (GET /api/people/search) as the admin types; choosing one hands them to `onPick`. */
export function PersonSearch({ api, onPick }: { readonly api: AdminApi; onPick(person: PersonMatch): void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found>({ status: 'idle' });
  // The matches arrive after the typing that asked for them: the list opens when they do.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setFound({ status: 'idle' });
      return undefined;
    }
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      setFound({ status: 'searching' });
      api.searchPeople(q, abort.signal).then(
        (answer) => {
          if (abort.signal.aborted) return;
          setFound({ status: 'done', answer });
          setOpen(answer.people.length > 0);
        },
        (e: unknown) => !abort.signal.aborted && setFound({ status: 'error', message: errorMessage(e) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [api, text]);

  const people = found.status === 'done' ? found.answer.people : [];
  return (
    <Field label="Find a person" {...(found.status === 'error' ? { validationState: 'error' as const, validationMessage: found.message } : { hint: hint(found) })}>
      <Combobox
        freeform
        value={text}
        open={open}
        onOpenChange={(_e, d) => setOpen(d.open && people.length > 0)}
        placeholder="Search by name"
        expandIcon={found.status === 'searching' ? <Spinner size="extra-tiny" aria-label="Searching" /> : undefined}
        onChange={(e) => setText(e.target.value)}
        onOptionSelect={(_e, d) => {
          const person = people.find((p) => p.userId === d.optionValue);
          if (!person) return;
          setText('');
          onPick(person);
        }}
      >
        {people.map((p) => (
          <Option key={p.userId} value={p.userId} text={p.displayName}>
            <span>
              <strong>{p.displayName}</strong> <span>({describeMatch(p)})</span>
            </span>
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
