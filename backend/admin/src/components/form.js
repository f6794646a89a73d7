// Forms the way the NHS design system has them: input checked when the form is sent (never while
// someone is still filling it in, which would move the page and the cursor under them), then an
// error summary at the top linking to each field and the message beside the field, rechecked as it
// is typed; the server's 422 or 409 shown beside the field it names, any other refusal's reason in plain words. What was typed is kept as a draft until the form succeeds. One Idempotency-Key per attempt: a double click or
// a retry after a dropped answer is done once; a changed form gets a new key.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { clearDraft, draftsKeptForSignIn, loadDraft, saveDraft } from '../core/drafts.js';
import { html } from '../core/html.js';
import { newKey } from '../core/keys.js';

export function useForm({ id, initial, validate = () => ({}), secret = [], onSubmit }) {
  const [values, setValues] = useState(() => ({ ...initial, ...(loadDraft(id) || {}) }));
  const [restored] = useState(() => {
    const draft = loadDraft(id);
    return !!draft && Object.entries(draft).some(([name, value]) => value !== initial[name]);
  });
  // A form left for another screen is abandoned; one the session ended under waits for sign-in.
  useEffect(() => () => {
    if (id && !draftsKeptForSignIn()) clearDraft(id);
  }, [id]);
  const [attempted, setAttempted] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const [serverErrors, setServerErrors] = useState({});
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(null);

  const clientErrors = validate(values) || {};
  const errors = {};
  if (attempted) Object.assign(errors, clientErrors);
  for (const [name, message] of Object.entries(serverErrors)) errors[name] = errors[name] || message;

  function change(name, value) {
    const next = { ...values, [name]: value };
    setValues(next);
    key.current = null;
    setServerErrors(({ [name]: _gone, ...rest }) => rest);
    if (id) saveDraft(id, next, secret);
  }

  async function submit(event) {
    event?.preventDefault();
    if (busy) return;
    setAttempted(true);
    setAttempts((count) => count + 1);
    setProblem(null);
    if (Object.keys(clientErrors).length) return;
    key.current = key.current || newKey();
    setBusy(true);
    try {
      await onSubmit(values, key.current);
      key.current = null;
      setServerErrors({});
      setAttempted(false);
      clearDraft(id);
    } catch (error) {
      if (error.status === 401) return;  // the draft is kept for after signing in again
      if (error.status !== 0) key.current = null;  // an answer came: the next attempt is a new action
      // A refusal that names a field of this form (invalid, or taken like an asset tag) is shown beside it.
      if ((error.status === 422 || error.status === 409) && error.field && error.field in values) setServerErrors({ [error.field]: error.message });
      else setProblem(error.message);
    } finally {
      setBusy(false);
    }
  }

  function reset(next = initial) {
    setValues(next);
    setAttempted(false);
    setServerErrors({});
    setProblem(null);
    clearDraft(id);
  }

  const fieldId = (name) => `${id ? id.replace(/[^a-z0-9]+/gi, '-') : 'form'}-${name}`;
  return { id, values, errors, problem, busy, restored, attempts, change, submit, reset, fieldId, setProblem };
}

export function ErrorSummary({ form, labels = {} }) {
  const box = useRef(null);
  const items = Object.entries(form.errors);
  const shown = items.length > 0 || form.problem;
  // Focus moves as the summary appears, before it is painted, so nothing is shown unfocused.
  useLayoutEffect(() => {
    if (shown && box.current) box.current.focus();
  }, [shown, form.attempts, form.problem]);
  if (!shown) return null;
  const focusField = (name) => (event) => {
    event.preventDefault();
    document.getElementById(form.fieldId(name))?.focus();
  };
  return html`<div class="nhsuk-error-summary" aria-labelledby=${`${form.fieldId('summary')}-title`} role="alert" tabindex="-1" ref=${box}>
    <h2 class="nhsuk-error-summary__title" id=${`${form.fieldId('summary')}-title`}>There is a problem</h2>
    <div class="nhsuk-error-summary__body">
      ${form.problem && html`<p>${form.problem}</p>`}
      ${items.length > 0 &&
      html`<ul class="nhsuk-list nhsuk-error-summary__list">
        ${items.map(([name, message]) => html`<li key=${name}><a href=${`#${form.fieldId(name)}`} onClick=${focusField(name)}>${labels[name] ? `${labels[name]}: ` : ''}${message}</a></li>`)}
      </ul>`}
    </div>
  </div>`;
}

export function RestoredNotice({ form }) {
  if (!form.restored) return null;
  return html`<div class="nhsuk-inset-text" role="status"><p>What you had typed before signing in again has been kept.</p></div>`;
}

function Group({ form, name, label, hint, children, legend }) {
  const error = form.errors[name];
  const id = form.fieldId(name);
  return html`<div class=${`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
    ${legend ? null : html`<label class="nhsuk-label" for=${id}>${label}</label>`}
    ${hint && html`<div class="nhsuk-hint" id=${`${id}-hint`}>${hint}</div>`}
    ${error && html`<span class="nhsuk-error-message" id=${`${id}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
    ${children}
  </div>`;
}

function describedBy(form, name, hint) {
  const id = form.fieldId(name);
  return [hint && `${id}-hint`, form.errors[name] && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

export function TextField({ form, name, label, hint, type = 'text', width, autocomplete = 'off', inputmode, step }) {
  const error = form.errors[name];
  const widthClass = width ? ` nhsuk-input--width-${width}` : '';
  return html`<${Group} form=${form} name=${name} label=${label} hint=${hint}>
    <input class=${`nhsuk-input${widthClass}${error ? ' nhsuk-input--error' : ''}`} id=${form.fieldId(name)} name=${name} type=${type}
      value=${form.values[name] ?? ''} autocomplete=${autocomplete} inputmode=${inputmode} step=${step}
      aria-describedby=${describedBy(form, name, hint)} aria-invalid=${error ? 'true' : undefined}
      onInput=${(event) => form.change(name, event.currentTarget.value)} />
  </${Group}>`;
}

export function TextArea({ form, name, label, hint, rows = 3 }) {
  const error = form.errors[name];
  return html`<${Group} form=${form} name=${name} label=${label} hint=${hint}>
    <textarea class=${`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`} id=${form.fieldId(name)} name=${name} rows=${rows}
      aria-describedby=${describedBy(form, name, hint)} aria-invalid=${error ? 'true' : undefined}
      onInput=${(event) => form.change(name, event.currentTarget.value)} value=${form.values[name] ?? ''}></textarea>
  </${Group}>`;
}

export function SelectField({ form, name, label, hint, options }) {
  const error = form.errors[name];
  return html`<${Group} form=${form} name=${name} label=${label} hint=${hint}>
    <select class=${`nhsuk-select${error ? ' nhsuk-select--error' : ''}`} id=${form.fieldId(name)} name=${name}
      aria-describedby=${describedBy(form, name, hint)} aria-invalid=${error ? 'true' : undefined}
      onChange=${(event) => form.change(name, event.currentTarget.value)}>
      ${options.map((option) => html`<option key=${option.value} value=${option.value} selected=${String(form.values[name] ?? '') === String(option.value)}>${option.label}</option>`)}
    </select>
  </${Group}>`;
}

export function Checkbox({ form, name, label }) {
  return html`<div class="nhsuk-form-group"><div class="nhsuk-checkboxes"><div class="nhsuk-checkboxes__item">
    <input class="nhsuk-checkboxes__input" id=${form.fieldId(name)} name=${name} type="checkbox" checked=${!!form.values[name]}
      onChange=${(event) => form.change(name, event.currentTarget.checked)} />
    <label class="nhsuk-label nhsuk-checkboxes__label" for=${form.fieldId(name)}>${label}</label>
  </div></div></div>`;
}

export function SubmitButton({ form, children, secondary, warning }) {
  const kind = warning ? ' nhsuk-button--warning' : secondary ? ' nhsuk-button--secondary' : '';
  return html`<button class=${`nhsuk-button${kind}`} type="submit" disabled=${form.busy} aria-disabled=${form.busy ? 'true' : undefined}>
    ${form.busy ? 'Please wait…' : children}
  </button>`;
}
