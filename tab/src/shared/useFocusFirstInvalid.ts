/**
 * After a refused submit, focus goes to the first field that says what is wrong, so keyboard and
 * screen-reader users land on it instead of staying on the submit button. Fluent's `Field` marks
 * its control `aria-invalid` while it shows an error; the form is searched after that render.
 */
import { type RefObject, useEffect, useRef, useState } from 'react';

const FOCUSABLE = 'input, textarea, select, button';

export function useFocusFirstInvalid(): { readonly formRef: RefObject<HTMLFormElement | null>; refused(): void } {
  const formRef = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A group (radio buttons) is marked as a whole; the first control in it takes the focus.
    (invalid?.matches(FOCUSABLE) ? invalid : invalid?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
  }, [refusals]);
  return { formRef, refused: () => setRefusals((n) => n + 1) };
}
