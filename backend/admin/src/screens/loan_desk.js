// Ending a loan at the desk: taking the bike back (which accessories came with it, the return checks,
// the odometer and any fault the borrower reports) and, after a confirmation, marking it lost.
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { forgetBikes, useChoices } from '../core/names.js';
import { href, navigate } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { Checkbox, ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextArea, TextField, useForm } from '../components/form.js';
import { Failure, Loading } from '../components/notice.js';
import { Page } from '../components/page.js';

/// The loan a desk action is about, loaded, or the page saying why the action cannot be done.
function ActiveLoan({ id, title, children }) {
  const { data: loan, error, loading } = useApi(() => api.get(`/loans/${id}`), [id]);
  if (loading && !loan) return html`<${Page} title=${title} caption="Loans"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title=${title} caption="Loans"><${Failure} error=${error} /></${Page}>`;
  if (loan.status !== 'active') {
    return html`<${Page} title=${title} caption="Loans">
      <p class="nhsuk-body">Loan ${loan.id} has already ended. <a href=${href(`/loans/${loan.id}`)}>Back to the loan</a></p>
    </${Page}>`;
  }
  return children(loan);
}

/// The odometer as typed, in km, as whole metres; null when left empty, NaN when it is not a reading.
function typedOdometer(text) {
  const typed = text.trim().replace(',', '.');
  if (!typed) return null;
  return /^\d+(\.\d{1,3})?$/.test(typed) ? Math.round(Number(typed) * 1000) : NaN;
}

function ReturnForm({ loan, choices }) {
  const issued = loan.accessories.map((item) => item.kind);
  const accessoryWord = (kind) => choices.accessory_kinds.find((known) => known.code === kind)?.label || kind;
  const checks = choices.return_checks;
  const startKm = loan.start_odometer_m / 1000;
  const form = useForm({
    id: `return-${loan.id}`,
    initial: {
      ...Object.fromEntries(issued.map((kind) => [kind, true])),
      ...Object.fromEntries(checks.map((check) => [`check_${check.code}`, true])),
      odometer_km: '', category: '', note: '', safety: false,
    },
    validate: (v) => {
      const odometer = typedOdometer(v.odometer_km);
      return {
        ...(Number.isNaN(odometer) ? { odometer_km: 'Enter the reading in km, such as 1234.5, or leave it empty' } : {}),
        ...(odometer !== null && odometer < loan.start_odometer_m ? { odometer_km: `Enter a reading of at least ${startKm} km, the reading when the bike went out` } : {}),
        ...(!v.category && (v.note.trim() || v.safety) ? { category: 'Choose what is wrong with the bike' } : {}),
        ...(v.note.trim().length > choices.fault_note_max_length ? { note: `Write at most ${choices.fault_note_max_length} characters` } : {}),
      };
    },
    onSubmit: async (v, key) => {
      const fault = v.category ? { category: v.category, note: v.note.trim(), safety: v.safety } : null;
      const condition = Object.fromEntries(checks.map((check) => [check.code, Boolean(v[`check_${check.code}`])]));
      const odometer = typedOdometer(v.odometer_km);
      const body = { accessories_returned: issued.filter((kind) => v[kind]), condition, fault, ...(odometer !== null ? { end_odometer_m: odometer } : {}) };
      const receipt = await api.post(`/loans/${loan.id}/return`, body, { key });
      forgetBikes();
      navigate(`/loans/${loan.id}?returned=${receipt.faults.length > 0 ? 'fault' : receipt.offered_to_next_in_queue ? 'offered' : 'yes'}`);
    },
  });
  const categories = choices.fault_categories;
  const safetyWords = categories.filter((category) => category.safety_critical).map((category) => category.label.toLowerCase());
  const safetyList = safetyWords.length > 1 ? `${safetyWords.slice(0, -1).join(', ')} or ${safetyWords.at(-1)}` : safetyWords.join('');
  return html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
    <${RestoredNotice} form=${form} />
    <${ErrorSummary} form=${form} labels=${{ odometer_km: 'Odometer reading', category: 'Fault', note: 'What is wrong' }} />
    <form onSubmit=${form.submit} novalidate>
      ${issued.length > 0 && html`<fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Accessories brought back</legend>
        <div class="nhsuk-hint">Untick any that did not come back: the loan keeps a record of it.</div>
        ${issued.map((kind) => html`<${Checkbox} key=${kind} form=${form} name=${kind} label=${accessoryWord(kind)} />`)}
      </fieldset>`}
      <fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Checks at return</legend>
        <div class="nhsuk-hint">Untick any check the bike fails: each opens a job for a technician.</div>
        ${checks.map((check) => html`<${Checkbox} key=${check.code} form=${form} name=${`check_${check.code}`} label=${check.label} />`)}
      </fieldset>
      <${TextField} form=${form} name="odometer_km" label="Odometer reading in km (optional)"
        hint=${`As the bike's display shows it. It read ${startKm} km when the bike went out.`} width="10" inputmode="decimal" />
      <fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">A fault with the bike</legend>
        <${SelectField} form=${form} name="category" label="What is wrong"
          hint=${`Leave as "No fault" if the borrower reports none. A ${safetyList} fault keeps the bike out of use until a technician signs off its safety check.`}
          options=${[{ value: '', label: 'No fault' }, ...categories.map((category) => ({ value: category.code, label: category.label }))]} />
        <${TextArea} form=${form} name="note" label="What the borrower says (optional)" />
        <${Checkbox} form=${form} name="safety" label="The borrower says the bike is unsafe to ride" />
      </fieldset>
      <div class="app-button-row">
        <${SubmitButton} form=${form}>Take the bike back</${SubmitButton}>
        <a class="nhsuk-link app-cancel" href=${href(`/loans/${loan.id}`)}>Cancel</a>
      </div>
    </form>
  </div></div>`;
}

function ReturnWithChoices({ loan }) {
  const { data: choices, error } = useChoices();
  if (error) return html`<${Failure} error=${error} />`;
  return choices ? html`<${ReturnForm} loan=${loan} choices=${choices} />` : html`<${Loading} />`;
}

export function ReturnLoan({ params }) {
  return html`<${ActiveLoan} id=${params.id} title="Take a bike back">
    ${(loan) => html`<${Page} title=${`Take back the bike of loan ${loan.id}`} caption="Loans">
      <${ReturnWithChoices} loan=${loan} />
    </${Page}>`}
  </${ActiveLoan}>`;
}

function LostForm({ loan }) {
  const form = useForm({
    id: `lost-${loan.id}`,
    initial: { note: '' },
    validate: (v) => (v.note.trim() ? {} : { note: 'Say what is known: when and where the bike was last seen' }),
    onSubmit: async (v, key) => {
      await api.post(`/loans/${loan.id}/lost`, { note: v.note.trim() }, { key });
      forgetBikes();
      navigate(`/loans/${loan.id}?lost=yes`);
    },
  });
  return html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
    <div class="nhsuk-warning-callout"><h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>This ends the loan</span></h2>
      <p>The loan ends now and the bike is listed as lost. If it turns up, a coordinator makes it available again on the bike's page.</p></div>
    <${RestoredNotice} form=${form} />
    <${ErrorSummary} form=${form} labels=${{ note: 'What is known' }} />
    <form onSubmit=${form.submit} novalidate>
      <${TextArea} form=${form} name="note" label="What is known" hint="For example: reported stolen from the Basildon bike shed on 3 March, crime number 123." />
      <div class="app-button-row">
        <${SubmitButton} form=${form} warning=${true}>Mark the bike lost</${SubmitButton}>
        <a class="nhsuk-link app-cancel" href=${href(`/loans/${loan.id}`)}>Cancel</a>
      </div>
    </form>
  </div></div>`;
}

export function MarkLost({ params }) {
  return html`<${ActiveLoan} id=${params.id} title="Mark a bike lost">
    ${(loan) => html`<${Page} title=${`Mark the bike of loan ${loan.id} lost`} caption="Loans"><${LostForm} loan=${loan} /></${Page}>`}
  </${ActiveLoan}>`;
}
