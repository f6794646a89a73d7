// The outbox: every email the scheme writes, waiting, sent or failed; one message's words; sending
// a failed one again.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { href } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { moment } from '../core/words.js';
import { messageKindWord, messageKinds, messageStatusColour, messageStatusWord, messageStatuses } from '../core/workshop_words.js';
import { ActionButton, ActionError, useAction } from '../components/action.js';
import { DataList } from '../components/data_list.js';
import { Done, Failure, Loading, Tag } from '../components/notice.js';
import { Page, Summary } from '../components/page.js';

function MessageStatus({ status }) {
  return html`<${Tag} colour=${messageStatusColour(status)}>${messageStatusWord(status)}</${Tag}>`;
}

/// The address, and who it belongs to: a staff member (with a link to their page) or a user of the admin.
function Recipient({ message }) {
  const [kind, id] = message.recipient_label.split(':');
  const name = message.facts?.name || (kind === 'staff' ? `Staff ${id}` : `User ${id}`);
  const who = kind === 'staff' ? html`<a href=${href(`/staff/${id}`)}>${name}</a>` : `${name} (a user of the admin)`;
  return html`<span><span class="app-address">${message.recipient}</span><br /><span class="nhsuk-body-s app-quiet">${who}</span></span>`;
}

export function Outbox() {
  return html`<${Page} title="Outbox" caption="Email">
    <p class="nhsuk-body">Every email the scheme sends, newest first unless you sort by a column. Messages wait here until the mail relay takes them; a failed one can be sent again.</p>
    <${DataList} id="outbox" path="/outbox" caption="Email messages" empty="No message matches."
      filters=${[
        { name: 'status', label: 'Status', options: messageStatuses.map((status) => ({ value: status, label: messageStatusWord(status) })) },
        { name: 'kind', label: 'Kind', options: messageKinds.map((kind) => ({ value: kind, label: messageKindWord(kind) })) },
      ]}
      columns=${[
        { key: 'id', label: 'Message', render: (m) => html`<a class="app-nowrap" href=${href(`/outbox/${m.id}`)}>Message ${m.id}</a>` },
        { key: 'kind', label: 'Kind', render: (m) => messageKindWord(m.kind) },
        { key: 'recipient', label: 'To', render: (m) => html`<${Recipient} message=${m} />` },
        { key: 'status', label: 'Status', render: (m) => html`<${MessageStatus} status=${m.status} />` },
        { key: 'created_at', label: 'Written', sort: true, render: (m) => moment(m.created_at) },
        { key: 'attempts', label: 'Attempts', numeric: true, sort: true, render: (m) => String(m.attempts) },
        { key: 'last_error', label: 'Last error', render: (m) => m.last_error || '—' },
      ]} />
  </${Page}>`;
}

export function OutboxMessage({ params }) {
  const [said, setSaid] = useState('');
  const { data: message, error, loading, reload } = useApi(() => api.get(`/outbox/${params.id}`), [params.id]);
  const resend = useAction(async (key) => {
    await api.post(`/outbox/${params.id}/resend`, {}, { key });
    setSaid('The message will be sent again within a minute.');
    reload();
  });
  if (loading && !message) return html`<${Page} title="Message"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title="Message"><${Failure} error=${error} /></${Page}>`;
  return html`<${Page} title=${`Message ${message.id}`} caption="Outbox">
    ${said && html`<${Done}>${said}</${Done}>`}
    <${Summary} rows=${[
      ['Status', html`<${MessageStatus} status=${message.status} />`],
      ['Kind', `${messageKindWord(message.kind)}${message.urgent ? ' (sent at once, at any hour)' : ' (sent in working hours)'}`],
      ['To', html`<${Recipient} message=${message} />`],
      ['Subject', message.subject],
      ['Written', moment(message.created_at)],
      ['Attempts', String(message.attempts)],
      message.status === 'pending' && ['Next attempt', moment(message.next_attempt_at)],
      message.sent_at && ['Sent', moment(message.sent_at)],
      message.last_error && ['Last error', message.last_error],
      ['Message-ID', html`<span class="app-token">${message.message_id}</span>`],
    ]} />
    ${message.status === 'withdrawn' && html`<div class="nhsuk-inset-text"><p>Withdrawn before it was sent: the loan it was about was renewed, returned or marked lost, so what it said no longer holds. It will not be sent.</p></div>`}
    ${message.status !== 'pending' && message.status !== 'withdrawn' && html`<div class="app-button-row">
      <${ActionButton} action=${resend} secondary=${message.status !== 'failed'}>Send it again</${ActionButton}>
    </div><${ActionError} action=${resend} />`}
    <h2 class="nhsuk-heading-m">The words</h2>
    <pre class="app-message">${message.text}</pre>
  </${Page}>`;
}
