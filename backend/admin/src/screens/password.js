import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { ErrorSummary, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done } from '../components/notice.js';
import { Page } from '../components/page.js';

const labels = { current_password: 'Current password', new_password: 'New password', confirm: 'New password again' };

export function ChangePassword() {
  const [changed, setChanged] = useState(false);
  const form = useForm({
    id: 'password',
    initial: { current_password: '', new_password: '', confirm: '' },
    secret: ['current_password', 'new_password', 'confirm'],
    validate: (v) => ({
      ...(v.current_password ? {} : { current_password: 'Enter your current password' }),
      ...(v.new_password.length >= 12 ? {} : { new_password: 'Use at least 12 characters' }),
      ...(v.confirm === v.new_password ? {} : { confirm: 'Type the same new password again' }),
    }),
    onSubmit: async (v, key) => {
      await api.post('/auth/password', { current_password: v.current_password, new_password: v.new_password }, { key });
      form.reset();
      setChanged(true);
    },
  });
  return html`<${Page} title="Change your password">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-one-half">
      ${changed && html`<${Done}>Your password has been changed. Other sessions of yours have been signed out.</${Done}>`}
      <${ErrorSummary} form=${form} labels=${labels} />
      <form onSubmit=${form.submit} novalidate>
        <${TextField} form=${form} name="current_password" label=${labels.current_password} type="password" autocomplete="current-password" width="20" />
        <${TextField} form=${form} name="new_password" label=${labels.new_password} type="password" autocomplete="new-password" width="20" hint="At least 12 characters." />
        <${TextField} form=${form} name="confirm" label=${labels.confirm} type="password" autocomplete="new-password" width="20" />
        <${SubmitButton} form=${form}>Change password</${SubmitButton}>
      </form>
    </div></div>
  </${Page}>`;
}
