/**
 * Success feedback: a short Fluent toast saying what just happened ("Saved …", "Published …").
 * One toaster for the whole tab (rendered once by the shell), so toasts from any page stack in
 * one place and a page can navigate away right after announcing without losing the message.
 * Toasts are announced politely to screen readers by Fluent's toaster.
 */
import { Toast, ToastBody, ToastTitle, Toaster, useToastController } from '@fluentui/react-components';
import { useCallback } from 'react';

const TOASTER_ID = 'pmo-relay-toaster';

/** The tab's one toaster; the shell renders it once inside the FluentProvider. */
export const AppToaster = () => <Toaster toasterId={TOASTER_ID} position="bottom-end" pauseOnHover pauseOnWindowBlur />;

/** `notify(title, body?)` shows a success toast in the tab's toaster. */
export function useNotify(): (title: string, body?: string) => void {
  const { dispatchToast } = useToastController(TOASTER_ID);
  return useCallback(
    (title: string, body?: string) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
          {body && <ToastBody>{body}</ToastBody>}
        </Toast>,
        { intent: 'success' },
      ),
    [dispatchToast],
  );
}
