import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { MutationFailure } from './useWorkItemMutations';

/** A failed save or import in the server's words, listing every detail it gave (e.g. bad CSV rows). */
export function FailureBar({ failure, footer }: { readonly failure: MutationFailure; readonly footer?: string }) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{failure.title}</MessageBarTitle>
        {failure.message}
        {failure.details.length > 0 && (
          <ul aria-label="Problems">
            {failure.details.map((d, i) => (
              <li key={`${d.at}-${i}`}>
                <strong>{d.at}</strong>: {d.message}
              </li>
            ))}
          </ul>
        )}
        {footer && <div>{footer}</div>}
      </MessageBarBody>
    </MessageBar>
  );
}
