// A staff member's email reminders: on or off. Offers of a bike and overdue notices always go.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { useApi } from '../core/use_api.js';
import { ActionButton, ActionError, useAction } from '../components/action.js';
import { Done, Failure, Loading } from '../components/notice.js';

export function EmailReminders({ person }) {
  const [said, setSaid] = useState('');
  const { data: setting, error, loading, reload } = useApi(() => api.get(`/staff/${person.id}/email-reminders`), [person.id]);
  const toggle = useAction(async (key) => {
    const changed = await api.put(`/staff/${person.id}/email-reminders`, { enabled: !setting.enabled }, { key });
    setSaid(changed.enabled ? 'Reminders are on again.' : 'Reminders are off.');
    reload();
  });
  if (loading && !setting) return html`<${Loading} />`;
  if (error) return html`<${Failure} error=${error} />`;
  return html`<div>
    ${said && html`<${Done}>${said}</${Done}>`}
    <p class="nhsuk-body">${setting.enabled ? 'Gets an email a few days before a loan is due back.' : 'Gets no reminder before a loan is due back.'}
      ${' '}Offers of a bike and overdue notices are always sent.${person.email ? '' : ' No email address is recorded, so nothing can be sent yet.'}</p>
    <${ActionButton} action=${toggle}>${setting.enabled ? 'Turn reminders off' : 'Turn reminders on'}</${ActionButton}>
    <${ActionError} action=${toggle} />
  </div>`;
}
