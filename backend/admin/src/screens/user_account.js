// One account that signs in to the admin: its role, a new password when theirs is forgotten, and
// whether it may sign in at all.
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { siteName, useSites } from '../core/names.js';
import { href } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { moment, roleWords } from '../core/words.js';
import { ActionButton, ActionError, ConfirmedButton, useAction } from '../components/action.js';
import { ErrorSummary, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done, Failure, Loading, Tag, useSaid } from '../components/notice.js';
import { Page, Summary } from '../components/page.js';

const roles = ['coordinator', 'technician', 'reporter'];
const roleHints = {
  coordinator: 'runs the fleet, staff, loans and policy',
  technician: 'works the workshop and servicing',
  reporter: 'reads and downloads the reports',
};

function RoleForm({ account, onSaved }) {
  const form = useForm({
    id: `user-${account.id}-role`,
    initial: { role: account.role },
    validate: (v) => (v.role === account.role ? { role: `${account.display_name} is already a ${roleWords[v.role].toLowerCase()}` } : {}),
    onSubmit: async (v, key) => {
      const saved = await api.patch(`/users/${account.id}`, { role: v.role }, { key });
      onSaved(`${saved.display_name} is now a ${roleWords[saved.role].toLowerCase()}. The change applies from their next click.`);
    },
  });
  return html`<div>
    <${ErrorSummary} form=${form} labels=${{ role: 'Role' }} />
    <form onSubmit=${form.submit} novalidate>
      <${SelectField} form=${form} name="role" label="Role" options=${roles.map((role) => ({ value: role, label: `${roleWords[role]}: ${roleHints[role]}` }))}
        hint=${account.report_packs ? 'A technician is not sent the monthly report packs: that stops if they become one.' : undefined} />
      <${SubmitButton} form=${form} secondary=${true}>Change the role</${SubmitButton}>
    </form>
  </div>`;
}

/// A technician's site: where their queue opens and which sites' faults and services they are told of.
function SiteForm({ account, onSaved }) {
  const sites = useSites();
  const form = useForm({
    id: `user-${account.id}-site`,
    initial: { site_id: account.site_id ? String(account.site_id) : '' },
    onSubmit: async (v, key) => {
      const saved = await api.patch(`/users/${account.id}`, { site_id: v.site_id ? Number(v.site_id) : null }, { key });
      onSaved(saved.site_id ? `${saved.display_name} now serves ${siteName(sites, saved.site_id)}.` : `${saved.display_name} now serves every site.`);
    },
  });
  return html`<div>
    <${ErrorSummary} form=${form} labels=${{ site_id: 'The site they serve' }} />
    <form onSubmit=${form.submit} novalidate>
      <${SelectField} form=${form} name="site_id" label="The site they serve" hint="Their workshop queue opens at this site, and they are told of its safety faults and services due."
        options=${[{ value: '', label: 'Every site' }, ...sites.map((site) => ({ value: site.id, label: site.name }))]} />
      <${SubmitButton} form=${form} secondary=${true}>Change the site</${SubmitButton}>
    </form>
  </div>`;
}

const passwordLabels = { password: 'New password', confirm: 'New password again' };

/// For someone who has forgotten theirs: a coordinator sets one and hands it over in person.
function PasswordForm({ account, onSaved }) {
  const form = useForm({
    id: `user-${account.id}-password`,
    initial: { password: '', confirm: '' },
    secret: ['password', 'confirm'],
    validate: (v) => ({
      ...(v.password.length >= 12 ? {} : { password: 'Use at least 12 characters' }),
      ...(v.confirm === v.password ? {} : { confirm: 'Type the same new password again' }),
    }),
    onSubmit: async (v, key) => {
      await api.put(`/users/${account.id}/password`, { password: v.password }, { key });
      form.reset();
      onSaved(`${account.display_name} has a new password and is signed out everywhere. Give it to them in person.`);
    },
  });
  return html`<div>
    <${ErrorSummary} form=${form} labels=${passwordLabels} />
    <form onSubmit=${form.submit} novalidate>
      <${TextField} form=${form} name="password" label=${passwordLabels.password} type="password" autocomplete="new-password" width="20"
        hint="At least 12 characters. It signs them out of every browser; they can change it once signed in." />
      <${TextField} form=${form} name="confirm" label=${passwordLabels.confirm} type="password" autocomplete="new-password" width="20" />
      <${SubmitButton} form=${form} secondary=${true}>Set the new password</${SubmitButton}>
    </form>
  </div>`;
}

function Access({ account, onSaved }) {
  const action = useAction(async (key) => {
    const saved = await api.patch(`/users/${account.id}`, { active: !account.active }, { key });
    onSaved(saved.active ? `${saved.display_name} can sign in again.` : `${saved.display_name} can no longer sign in and is signed out everywhere.`);
  });
  return html`<div>
    <p class="nhsuk-body">${account.active ? 'Deactivating ends their sessions at once; their name stays in the audit log.' : 'This account cannot sign in.'}</p>
    ${account.active
      ? html`<${ConfirmedButton} action=${action} label=${`Deactivate ${account.username}`} confirm="Yes, deactivate"
          question=${`Deactivate ${account.display_name}? They are signed out at once and cannot sign in until a coordinator reactivates them.`}>Deactivate</${ConfirmedButton}>`
      : html`<${ActionButton} action=${action} label=${`Reactivate ${account.username}`}>Reactivate</${ActionButton}>`}
    <${ActionError} action=${action} />
  </div>`;
}

export function UserAccount({ params, user }) {
  const sites = useSites();
  const { data: account, error, loading, reload } = useApi(() => api.get(`/users/${params.id}`), [params.id]);
  const [said, say, round] = useSaid();
  const saved = (message) => {
    say(message);
    reload();
  };
  if (error) return html`<${Page} title="User" caption="Users"><${Failure} error=${error} /></${Page}>`;
  if (loading && !account) return html`<${Page} title="User" caption="Users"><${Loading} /></${Page}>`;
  const self = account.id === user.id;
  return html`<${Page} title=${account.display_name} caption="Users">
    ${said && html`<${Done} round=${round}>${said}</${Done}>`}
    <${Summary} rows=${[
      ['Username', account.username],
      ['Role', roleWords[account.role] || account.role],
      account.role === 'technician' && ['Serves', account.site_id ? siteName(sites, account.site_id) : 'Every site'],
      ['Email', account.email || (self ? 'None: you get no mail' : 'None: they get no mail')],
      ['Monthly report pack', account.report_packs ? (account.email ? 'Sent to them' : 'On, once they have an email address') : 'Not sent'],
      ['Signs in', account.active ? 'Yes' : html`<${Tag} colour="grey">Deactivated</${Tag}>`],
      ['Added', moment(account.created_at)],
    ]} />
    ${self
      ? html`<p class="nhsuk-body">This is your own account: another coordinator changes its role or deactivates it. You change your password on <a href=${href('/password')}>Change password</a>.</p>`
      : html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-one-half">
          <h2 class="nhsuk-heading-m">Role</h2>
          <${RoleForm} key=${account.role} account=${account} onSaved=${saved} />
          ${account.role === 'technician' && html`<h2 class="nhsuk-heading-m">Site</h2><${SiteForm} key=${account.site_id} account=${account} onSaved=${saved} />`}
          <h2 class="nhsuk-heading-m">A new password</h2>
          <${PasswordForm} account=${account} onSaved=${saved} />
          <h2 class="nhsuk-heading-m">Access</h2>
          <${Access} account=${account} onSaved=${saved} />
        </div></div>`}
  </${Page}>`;
}
