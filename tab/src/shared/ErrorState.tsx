import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowRightRegular } from '@fluentui/react-icons';
import { portfolioHash, signalsHash } from './route';

export interface ErrorStateProps {
  readonly title: string;
  /** The server's message, shown as is. */
  readonly message: string;
  /** The caller's roles do not allow this (403): say so and offer a way on, not a Retry that cannot help. */
  readonly forbidden?: boolean;
  onRetry?(): void;
}

/** A failed load: what failed, the server's reason, and a way to try again — or, when refused, somewhere to go. */
export function ErrorState({ title, message, forbidden = false, onRetry }: ErrorStateProps) {
  if (forbidden) return <Forbidden message={message} />;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button icon={<ArrowClockwiseRegular />} onClick={onRetry}>
            Retry
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** Everyone with a role can use the portfolio and the signals pages, so one of them is always a way on. */
function Forbidden({ message }: { readonly message: string }) {
  const onPortfolio = window.location.hash.startsWith('#/portfolio') || window.location.hash === '';
  const away = onPortfolio ? { hash: signalsHash(), label: 'Go to Signals' } : { hash: portfolioHash(), label: 'Go to the portfolio' };
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>This page is not part of your role</MessageBarTitle>
        {message} If you need it, ask your tenant admin for the role that includes it.
      </MessageBarBody>
      <MessageBarActions>
        <Button as="a" href={away.hash} icon={<ArrowRightRegular />}>
          {away.label}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
