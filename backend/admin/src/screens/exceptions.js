// Kiosk exceptions: what a kiosk did offline that the server later refused. Each is looked into and
// resolved by a person; nothing is dropped silently.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { href, withQuery } from '../core/router.js';
import { moment } from '../core/words.js';
import { ActionButton, ActionError, useAction } from '../components/action.js';
import { DataList } from '../components/data_list.js';
import { StaffLink } from '../components/links.js';
import { Done } from '../components/notice.js';
import { Page, Tabs } from '../components/page.js';

const kindWords = { checkout: 'Check-out', return: 'Return', renew: 'Renewal', waitlist_join: 'Joined the waiting list', waitlist_leave: 'Left the waiting list', fault: 'Fault report' };

function Resolve({ exception, onResolved }) {
  const [note, setNote] = useState('');
  const resolve = useAction(async (key) => {
    await api.post(`/kiosk/exceptions/${exception.id}/resolve`, note.trim() ? { note: note.trim() } : {}, { key });
    onResolved(exception);
  });
  if (exception.status !== 'open') return html`<span>Resolved ${moment(exception.resolved_at)}</span>`;
  const id = `resolve-note-${exception.id}`;
  return html`<div class="app-resolve">
    <label class="nhsuk-label nhsuk-u-font-size-16" for=${id}>What was done</label>
    <input class="nhsuk-input nhsuk-input--width-20" id=${id} value=${note} onInput=${(e) => setNote(e.currentTarget.value)} />
    <${ActionButton} action=${resolve} label=${`Resolve exception ${exception.id}`}>Resolve</${ActionButton}>
    <${ActionError} action=${resolve} />
  </div>`;
}

function Details({ exception }) {
  return html`<details class="nhsuk-details app-compact-details"><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">What the kiosk sent</span></summary>
    <div class="nhsuk-details__text"><pre class="app-json">${JSON.stringify(exception.payload, null, 2)}</pre></div></details>`;
}

/// The server's words for a refusal, as a kiosk passed its answer on ({"error": {...}}); the code when
/// there are no words, and a dash when the kiosk sent no answer at all.
function refusalWords(refusal) {
  const problem = refusal?.error ?? refusal;
  return problem?.message || problem?.code || '—';
}

export function Exceptions({ query, user }) {
  const status = query.get('status') === 'resolved' ? 'resolved' : 'open';
  const [resolved, setResolved] = useState(null);
  const [round, setRound] = useState(0);
  return html`<${Page} title="Kiosk exceptions">
    <p class="nhsuk-body">Actions a kiosk took while it was offline that the server refused when they were sent. Look into each, put things right, then resolve it.</p>
    ${resolved && html`<${Done}>Exception ${resolved.id} is resolved.</${Done}>`}
    <${Tabs} label="Which exceptions" current=${status} tabs=${[
      { id: 'open', label: 'Open', href: href(withQuery({ status: 'open', page: '' }, new URLSearchParams())) },
      { id: 'resolved', label: 'Resolved', href: href(withQuery({ status: 'resolved', page: '' }, new URLSearchParams())) },
    ]} />
    <${DataList} key=${`${status}-${round}`} id="exceptions" path="/kiosk/exceptions" downloads fixed=${{ status }} caption="Kiosk exceptions" empty=${status === 'open' ? 'No open exceptions: nothing needs looking into.' : 'None resolved yet.'}
      columns=${[
        { key: 'recorded_at', label: 'At the kiosk', render: (e) => moment(e.recorded_at) },
        { key: 'kind', label: 'Action', render: (e) => kindWords[e.kind] || e.kind },
        { key: 'bike_tag', label: 'Bike', render: (e) => html`<span class="app-nowrap">${e.bike_tag || '—'}</span>` },
        { key: 'staff_id', label: 'Person', render: (e) => html`<${StaffLink} id=${e.staff_id} user=${user} />` },
        { key: 'refusal', label: 'Why it was refused', render: (e) => html`<div>${refusalWords(e.refusal)}</div><${Details} exception=${e} />` },
        { key: 'status', label: 'Resolve', render: (e) => html`<${Resolve} exception=${e} onResolved=${(done) => { setResolved(done); setRound((n) => n + 1); }} />` },
      ]} />
  </${Page}>`;
}
