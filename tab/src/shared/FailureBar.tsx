import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

/** A failed save, import or export: a title, the server's reason, and any details it gave. */
export interface Failure {
  readonly title: string;
  readonly message: string;
  /** Per-field or per-row problems, e.g. the bad rows of a CSV. */
  readonly details?: readonly { readonly at: string; readonly message: string }[];
}

/** A failure in the server's words, announced at once, listing every detail it gave. */
export function FailureBar({ failure, footer }: { readonly failure: Failure; readonly footer?: string }) {
  const details = failure.details ?? [];
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{failure.title}</MessageBarTitle>
        {failure.message}
        {details.length > 0 && (
          <ul aria-label="Problems">
            {details.map((d, i) => (
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
