import { html } from '../core/html.js';
import { navigate } from '../core/router.js';
import { currentUser, homeOf, signIn } from '../core/session.js';
import { ErrorSummary, SubmitButton, TextField, useForm } from '../components/form.js';
import { Page } from '../components/page.js';

function safeNext(next, user) {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in')) return next;
  return homeOf(user);
}

export function SignIn({ query }) {
  const form = useForm({
    id: 'sign-in',
    initial: { username: '', password: '' },
    secret: ['password'],
    validate: (v) => ({
      ...(v.username.trim() ? {} : { username: 'Enter your username' }),
      ...(v.password ? {} : { password: 'Enter your password' }),
    }),
    onSubmit: async (v, key) => {
      try {
        await signIn(v.username.trim(), v.password, key);
      } catch (error) {
        // Here a 401 is the answer to the password, not a session that ended.
        if (error.status === 401) throw Object.assign(new Error(error.message), { status: 400 });
        throw error;
      }
      navigate(safeNext(query.get('next'), currentUser()), { replace: true });
    },
  });
  return html`<${Page} title="Sign in">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-one-half">
      ${query.get('expired') && html`<div class="nhsuk-warning-callout" role="status">
        <h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>Your session has ended</span></h2>
        <p>Sign in again to carry on. Anything you had typed into a form is kept and will be there when you go back.</p>
      </div>`}
      <${ErrorSummary} form=${form} />
      <form onSubmit=${form.submit} novalidate>
        <${TextField} form=${form} name="username" label="Username" autocomplete="username" width="20" />
        <${TextField} form=${form} name="password" label="Password" type="password" autocomplete="current-password" width="20" />
        <${SubmitButton} form=${form}>Sign in</${SubmitButton}>
      </form>
    </div></div>
  </${Page}>`;
}
