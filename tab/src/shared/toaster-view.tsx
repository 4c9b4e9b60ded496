/** The toaster and the success toast, loaded with the first notification (see notify.tsx). */
import { Toast, ToastBody, ToastTitle, Toaster, useToastController } from '@fluentui/react-components';
import { useEffect } from 'react';

const TOASTER_ID = 'pmo-relay-toaster';

/** The tab's one toaster; calls `onReady` with a way to show a success toast once it is mounted. */
export default function ToasterView({ onReady }: { onReady(show: (title: string, body?: string) => void): void }) {
  const { dispatchToast } = useToastController(TOASTER_ID);
  useEffect(
    () =>
      onReady((title, body) =>
        dispatchToast(
          <Toast>
            <ToastTitle>{title}</ToastTitle>
            {body && <ToastBody>{body}</ToastBody>}
          </Toast>,
          { intent: 'success' },
        ),
      ),
    [dispatchToast, onReady],
  );
  return <Toaster toasterId={TOASTER_ID} position="bottom-end" pauseOnHover pauseOnWindowBlur />;
}
