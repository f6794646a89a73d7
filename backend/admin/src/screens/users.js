// The people who sign in to the admin, and their roles. Each account's own page changes its role,
// sets a new password and deactivates it.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { siteName, useSites } from '../core/names.js';
import { href } from '../core/router.js';
import { moment, roleWords } from '../core/words.js';
import { ActionButton, ActionError, useAction } from '../components/action.js';
import { DataList } from '../components/data_list.js';
import { Checkbox, ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done, Tag } from '../components/notice.js';
import { Page } from '../components/page.js';

const labels = { username: 'Username', display_name: 'Full name', role: 'Role', site_id: 'The site they serve', email: 'Email address (optional)', password: 'First password' };
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/// The account's address, and a small form to change it: where safety faults, the overdue digest and
/// the report packs go.
function Address({ account, onChanged }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(account.email);
  const field = `email-${account.id}`;
  const save = useAction(async (key) => {
    await api.patch(`/users/${account.id}`, { email: typed.trim() }, { key });
    setOpen(false);
    onChanged();
  });
  if (!open) {
    return html`<div><span class="app-address">${account.email || '—'}</span> <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-action"
      aria-label=${`Change the email address of ${account.username}`} onClick=${() => { setTyped(account.email); setOpen(true); }}>Change</button></div>`;
  }
  return html`<form class="app-inline-form--row" novalidate onSubmit=${(event) => { event.preventDefault(); save.run(); }}>
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for=${field}>Email address of ${account.username}</label>
      <input class="nhsuk-input" id=${field} type="email" autocomplete="off" value=${typed} onInput=${(event) => setTyped(event.currentTarget.value)} />
      <${ActionError} action=${save} />
    </div>
    <div class="app-button-row">
      <button type="submit" class="nhsuk-button nhsuk-button--small" disabled=${save.busy}>${save.busy ? 'Please wait…' : 'Save'}</button>
      <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick=${() => setOpen(false)}>Cancel</button>
    </div>
  </form>`;
}

/// Whether the account is mailed each monthly report pack, and the switch (not for technicians,
/// nor without an address to send to).
function ReportPacks({ account, onChanged }) {
  const action = useAction(async (key) => {
    await api.patch(`/users/${account.id}`, { report_packs: !account.report_packs }, { key });
    onChanged();
  });
  if (account.role === 'technician') return '—';
  const said = account.report_packs ? 'Yes' : 'No';
  if (!account.email) return html`<span>${said}<br /><span class="nhsuk-body-s app-quiet">no address</span></span>`;
  return html`<div>${said} <${ActionButton} action=${action} label=${`${account.report_packs ? 'Stop sending' : 'Send'} the monthly report packs to ${account.username}`}>${account.report_packs ? 'Stop' : 'Send'}</${ActionButton}><${ActionError} action=${action} /></div>`;
}

export function Users({ user }) {
  const sites = useSites();
  const [round, setRound] = useState(0);
  const [made, setMade] = useState('');
  const form = useForm({
    id: 'user-new',
    initial: { username: '', display_name: '', role: 'technician', site_id: '', email: '', report_packs: false, password: '' },
    secret: ['password'],
    validate: (v) => ({
      ...(/^[a-z0-9._-]{3,64}$/.test(v.username.trim()) ? {} : { username: 'Use 3 to 64 lower-case letters, digits, dots, dashes or underscores' }),
      ...(v.display_name.trim() ? {} : { display_name: 'Enter their full name' }),
      ...(!v.email.trim() || emailShape.test(v.email.trim()) ? {} : { email: 'Enter an email address like name@example.nhs.uk' }),
      ...(v.password.length >= 12 ? {} : { password: 'Use at least 12 characters' }),
    }),
    onSubmit: async (v, key) => {
      const packs = v.role === 'reporter' || (v.role === 'coordinator' && v.report_packs);
      const site = v.role === 'technician' && v.site_id ? { site_id: Number(v.site_id) } : {};
      await api.post('/users', { username: v.username.trim(), display_name: v.display_name.trim(), role: v.role, ...site, email: v.email.trim(), report_packs: packs, password: v.password }, { key });
      setMade(`${v.display_name.trim()} can now sign in as ${v.username.trim()}.`);
      form.reset();
      setRound((n) => n + 1);
    },
  });
  return html`<${Page} title="Users">
    ${made && html`<${Done}>${made}</${Done}>`}
    <${DataList} key=${round} id="users" path="/users" downloads caption="Users" inUrl=${false}
      columns=${[
        { key: 'username', label: 'User', render: (u) => html`<a href=${href(`/users/${u.id}`)}>${u.username}</a><br /><span class="nhsuk-body-s app-quiet">${u.display_name}</span>` },
        { key: 'role', label: 'Role', render: (u) => roleWords[u.role] || u.role },
        { key: 'site_id', label: 'Serves', render: (u) => (u.role !== 'technician' ? '—' : u.site_id ? siteName(sites, u.site_id) : 'Every site') },
        { key: 'email', label: 'Email', render: (u) => html`<${Address} account=${u} onChanged=${() => setRound((n) => n + 1)} />` },
        { key: 'report_packs', label: 'Monthly report pack', render: (u) => html`<${ReportPacks} account=${u} onChanged=${() => setRound((n) => n + 1)} />` },
        { key: 'created_at', label: 'Added', render: (u) => moment(u.created_at) },
        { key: 'active', label: 'Signs in', render: (u) => (u.id === user.id ? 'Yes (you)' : u.active ? 'Yes' : html`<${Tag} colour="grey">Deactivated</${Tag}>`) },
      ]} />
    <h2 class="nhsuk-heading-m">Add a user</h2>
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-one-half">
      <${RestoredNotice} form=${form} />
      <${ErrorSummary} form=${form} labels=${labels} />
      <form onSubmit=${form.submit} novalidate>
        <${TextField} form=${form} name="username" label=${labels.username} width="20" />
        <${TextField} form=${form} name="display_name" label=${labels.display_name} width="20" />
        <${SelectField} form=${form} name="role" label=${labels.role} options=${['coordinator', 'technician', 'reporter'].map((role) => ({ value: role, label: roleWords[role] }))} />
        ${form.values.role === 'technician' && html`<${SelectField} form=${form} name="site_id" label=${labels.site_id} hint="Their workshop queue opens at this site, and they are told of its safety faults and services due."
          options=${[{ value: '', label: 'Every site' }, ...sites.map((site) => ({ value: site.id, label: site.name }))]} />`}
        <${TextField} form=${form} name="email" label=${labels.email} type="email" autocomplete="off" width="30" hint="Where their notices go: safety faults for technicians, the overdue digest for coordinators, the monthly report pack for report authors." />
        ${form.values.role === 'coordinator' && html`<${Checkbox} form=${form} name="report_packs" label="Also email them each monthly report pack" />`}
        <${TextField} form=${form} name="password" label=${labels.password} type="password" autocomplete="new-password" width="20" hint="At least 12 characters. Give it to them in person; they can change it." />
        <${SubmitButton} form=${form} secondary=${true}>Add the user</${SubmitButton}>
      </form>
    </div></div>
  </${Page}>`;
}
