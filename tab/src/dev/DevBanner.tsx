import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

/** Always visible outside Teams, so nobody mistakes a demo identity for a real sign-in. */
export function DevBanner() {
  return (
    <MessageBar intent="warning" layout="multiline" aria-live="off">
      <MessageBarBody>
        <MessageBarTitle>Development mode</MessageBarTitle>
        PMO Relay is open outside Microsoft Teams, so you act as the demo identity chosen at the top instead of signing in. Use it for demos and development only.
      </MessageBarBody>
    </MessageBar>
  );
}
