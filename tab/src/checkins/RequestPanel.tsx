/**
 * Asking the domain's teams for their status now: every item that is due, or the items chosen
 * from the domain's portfolio. Says what went out (and what was left out, and why) or why not.
 */
import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { ApiClient } from '../api/client';
import { ApiRequestError, errorMessage } from '../api/client';
import { useNotify } from '../shared/notify';
import { useLoad } from '../shared/useLoad';
import { useRestoreFocus } from '../shared/useRestoreFocus';
import type { CheckInsApi } from './api';
import { SKIP_REASONS } from './RoundList';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
  items: { display: 'flex', flexDirection: 'column', maxHeight: '280px', overflowY: 'auto', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingVerticalXS },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

type Scope = 'due' | 'chosen';

export interface RequestPanelProps {
  readonly api: ApiClient;
  readonly checkIns: CheckInsApi;
  readonly domainId: string;
  /** After a round went out: the page loads the domain's check-ins again. */
  onRequested(): void;
}

export function RequestPanel({ api, checkIns, domainId, onRequested }: RequestPanelProps) {
  const styles = useStyles();
  const notify = useNotify();
  const [scope, setScope] = useState<Scope>('due');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  // The server's "a round is still waiting for answers" message, while the lead decides.
  const [confirming, setConfirming] = useState<string | undefined>();
  useRestoreFocus(confirming !== undefined);
  // The domain's items, loaded only once someone wants to choose among them.
  const loadItems = useCallback((signal: AbortSignal) => api.portfolio(domainId, signal).then((p) => [...p.items].sort((a, b) => a.title.localeCompare(b.title))), [api, domainId]);
  const items = useLoad(scope === 'chosen' ? loadItems : undefined);

  const toggle = (id: string, on: boolean) =>
    setChosen((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const send = async (again: boolean) => {
    if (scope === 'chosen' && chosen.size === 0) {
      setFailure('Choose at least one item, or ask every item that is due.');
      return;
    }
    setConfirming(undefined);
    setSending(true);
    setFailure(undefined);
    try {
      const round = await checkIns.request(domainId, { ...(scope === 'chosen' ? { itemIds: [...chosen] } : {}), ...(again ? { again: true } : {}) });
      const left = round.skipped.length > 0 ? ` Not asked: ${round.skipped.map((s) => `${s.title} (${SKIP_REASONS[s.reason]})`).join(', ')}.` : '';
      notify(`Check-ins sent for ${round.items.length} ${round.items.length === 1 ? 'item' : 'items'}`, `Each team gets a card in its conversation.${left}`);
      setChosen(new Set());
      onRequested();
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'CONFLICT.ALREADY_EXISTS') setConfirming(error.message);
      else setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className={styles.panel}>
      <RadioGroup aria-label="Which items to ask" value={scope} onChange={(_e, d) => setScope(d.value === 'chosen' ? 'chosen' : 'due')}>
        <Radio value="due" label="Every item of the domain (finished items and teams without a linked conversation are left out)" />
        <Radio value="chosen" label="Only the items I choose" />
      </RadioGroup>
      {scope === 'chosen' && items.status === 'loading' && <Spinner size="tiny" label="Loading the domain's items…" />}
      {scope === 'chosen' && items.status === 'error' && <Text role="alert">Could not load the domain's items: {items.message}</Text>}
      {scope === 'chosen' && items.status === 'ready' && (
        <div className={styles.items} role="group" aria-label="Items to ask">
          {items.data.length === 0 && <Text>This domain has no work items yet.</Text>}
          {items.data.map((item) => (
            <Checkbox key={item.id} label={item.title} checked={chosen.has(item.id)} onChange={(_e, d) => toggle(item.id, d.checked === true)} />
          ))}
        </div>
      )}
      {failure && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No check-ins were sent</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={sending} onClick={() => void send(false)}>
          {scope === 'chosen' ? `Ask ${chosen.size} chosen ${chosen.size === 1 ? 'item' : 'items'} now` : 'Ask for check-ins now'}
        </Button>
        {sending && <Spinner size="tiny" label="Sending…" />}
      </div>
      <Dialog open={confirming !== undefined} onOpenChange={(_e, d) => !d.open && setConfirming(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Ask the teams again?</DialogTitle>
            <DialogContent>{confirming}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => setConfirming(undefined)}>
                Don&apos;t ask now
              </Button>
              <Button onClick={() => void send(true)}>Ask again anyway</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
