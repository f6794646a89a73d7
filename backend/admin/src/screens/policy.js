// The pay-band policy: every version with its standing, the rules of one, and publishing a new
// version with an effective date, one row per band.
import { api, listAll } from '../core/api.js';
import { html } from '../core/html.js';
import { href, navigate } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { day, isoDay, payBandWord } from '../core/words.js';
import { ErrorSummary, RestoredNotice, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done, Failure, Loading, Tag } from '../components/notice.js';
import { Page } from '../components/page.js';

const standingWords = { in_force: ['In force', 'green'], scheduled: ['Scheduled', 'blue'], superseded: ['Superseded', 'grey'] };
const pounds = (pence) => (pence ? `£${(pence / 100).toFixed(2)}` : 'None');

function Rules({ version }) {
  return html`<table class="nhsuk-table app-table">
    <caption class="nhsuk-table__caption nhsuk-table__caption--s">Rules of version ${version.id}, from ${day(version.effective_from)}</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
      <th scope="col">Pay band</th><th scope="col">Eligible</th><th scope="col" class="app-numeric">Priority tier</th><th scope="col" class="app-numeric">Loan days</th>
      <th scope="col" class="app-numeric">Weekly fee</th><th scope="col" class="app-numeric">Deposit</th><th scope="col" class="app-numeric">Bikes at once</th><th scope="col">Induction first</th></tr></thead>
    <tbody class="nhsuk-table__body">${version.bands.map((rule) => html`<tr class="nhsuk-table__row" key=${rule.pay_band}>
      <th scope="row" class="nhsuk-table__cell">${payBandWord(rule.pay_band)}</th><td class="nhsuk-table__cell">${rule.eligible ? 'Yes' : 'No'}</td>
      <td class="nhsuk-table__cell app-numeric">${rule.priority_tier}</td><td class="nhsuk-table__cell app-numeric">${rule.max_loan_days}</td>
      <td class="nhsuk-table__cell app-numeric">${pounds(rule.weekly_fee_pence)}</td><td class="nhsuk-table__cell app-numeric">${pounds(rule.deposit_pence)}</td>
      <td class="nhsuk-table__cell app-numeric">${rule.max_concurrent_loans}</td><td class="nhsuk-table__cell">${rule.induction_required ? 'Yes' : 'No'}</td></tr>`)}
    </tbody></table>`;
}

export function Policy({ query }) {
  const { data: versions, error, loading } = useApi(() => listAll('/policy/versions'));
  if (loading) return html`<${Page} title="Loan policy"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title="Loan policy"><${Failure} error=${error} /></${Page}>`;
  const chosen = versions.find((v) => String(v.id) === query.get('version')) || versions.find((v) => v.standing === 'in_force') || versions[0];
  return html`<${Page} title="Loan policy" actions=${html`<a class="nhsuk-button nhsuk-button--small" href=${href('/policy/new')}>Publish a new version</a>`}>
    ${query.get('published') && html`<${Done}>The new version has been published.</${Done}>`}
    <p class="nhsuk-body">A loan keeps the version it was made under; a new version applies to loans made from its effective date.</p>
    <table class="nhsuk-table app-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">Versions</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Version</th><th scope="col">Effective from</th><th scope="col">Standing</th><th scope="col">Note</th></tr></thead>
      <tbody class="nhsuk-table__body">${versions.map((v) => html`<tr class="nhsuk-table__row" key=${v.id}>
        <th scope="row" class="nhsuk-table__cell"><a href=${href(`/policy?version=${v.id}`)} aria-current=${v === chosen ? 'true' : undefined}>Version ${v.id}</a></th>
        <td class="nhsuk-table__cell">${day(v.effective_from)}</td>
        <td class="nhsuk-table__cell">${standingWords[v.standing] ? html`<${Tag} colour=${standingWords[v.standing][1]}>${standingWords[v.standing][0]}</${Tag}>` : v.standing}</td>
        <td class="nhsuk-table__cell">${v.note || '—'}</td></tr>`)}</tbody></table>
    ${chosen && html`<p class="nhsuk-body">Version ${chosen.id}: bikes whose tracker last reported less than ${chosen.min_charge_pct}% charge are shown at the kiosk as charging and not lent.</p>`}
    ${chosen && html`<${Rules} version=${chosen} />`}
  </${Page}>`;
}

const columns = [
  ['priority_tier', 'Priority tier'], ['max_loan_days', 'Loan days'], ['weekly_fee_pence', 'Weekly fee (pence)'],
  ['deposit_pence', 'Deposit (pence)'], ['max_concurrent_loans', 'Bikes at once'],
];

function flatten(version) {
  const values = {
    effective_from: isoDay(new Date(Date.now() + 86400 * 1000)),
    reservation_hold_hours: String(version.reservation_hold_hours),
    min_charge_pct: String(version.min_charge_pct),
    note: '',
  };
  version.bands.forEach((rule, i) => {
    values[`bands[${i}].pay_band`] = rule.pay_band;
    values[`bands[${i}].eligible`] = rule.eligible;
    values[`bands[${i}].induction_required`] = rule.induction_required;
    for (const [name] of columns) values[`bands[${i}].${name}`] = String(rule[name]);
  });
  return values;
}

function NewVersionForm({ current }) {
  const count = current.bands.length;
  const form = useForm({
    id: 'policy-new',
    initial: flatten(current),
    validate: (v) => {
      const errors = {};
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.effective_from)) errors.effective_from = 'Enter the date as YYYY-MM-DD';
      for (let i = 0; i < count; i += 1) {
        for (const [name, label] of columns) {
          if (!/^\d+$/.test(String(v[`bands[${i}].${name}`]).trim())) errors[`bands[${i}].${name}`] = `${label} for ${payBandWord(v[`bands[${i}].pay_band`])} must be a whole number, 0 or more`;
        }
      }
      if (!/^\d+$/.test(String(v.reservation_hold_hours).trim())) errors.reservation_hold_hours = 'Enter the hours as a whole number, 0 or more';
      const charge = String(v.min_charge_pct).trim();
      if (!/^\d+$/.test(charge) || Number(charge) > 100) errors.min_charge_pct = 'Enter a whole number from 0 to 100';
      return errors;
    },
    onSubmit: async (v, key) => {
      const bands = [];
      for (let i = 0; i < count; i += 1) {
        const rule = { pay_band: v[`bands[${i}].pay_band`], eligible: !!v[`bands[${i}].eligible`], induction_required: !!v[`bands[${i}].induction_required`] };
        for (const [name] of columns) rule[name] = Number(v[`bands[${i}].${name}`]);
        bands.push(rule);
      }
      const made = await api.post('/policy/versions', { effective_from: v.effective_from, reservation_hold_hours: Number(v.reservation_hold_hours), min_charge_pct: Number(v.min_charge_pct), note: v.note.trim(), bands }, { key });
      navigate(`/policy?version=${made.id}&published=1`);
    },
  });
  const cell = (i, name, label) => {
    const key = `bands[${i}].${name}`;
    const error = form.errors[key];
    return html`<td class=${`nhsuk-table__cell${error ? ' app-cell-error' : ''}`}>
      <label class="nhsuk-u-visually-hidden" for=${form.fieldId(key)}>${label} for ${payBandWord(form.values[`bands[${i}].pay_band`])}</label>
      ${error && html`<span class="nhsuk-error-message" id=${`${form.fieldId(key)}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${error}</span>`}
      <input class=${`nhsuk-input app-cell-input${error ? ' nhsuk-input--error' : ''}`} id=${form.fieldId(key)} inputmode="numeric" value=${form.values[key]}
        aria-describedby=${error ? `${form.fieldId(key)}-error` : undefined} aria-invalid=${error ? 'true' : undefined}
        onInput=${(e) => form.change(key, e.currentTarget.value)} /></td>`;
  };
  const tick = (i, name, label) => html`<td class="nhsuk-table__cell"><div class="nhsuk-checkboxes nhsuk-checkboxes--small"><div class="nhsuk-checkboxes__item">
    <input class="nhsuk-checkboxes__input" type="checkbox" id=${form.fieldId(`bands[${i}].${name}`)} checked=${!!form.values[`bands[${i}].${name}`]} onChange=${(e) => form.change(`bands[${i}].${name}`, e.currentTarget.checked)} />
    <label class="nhsuk-label nhsuk-checkboxes__label" for=${form.fieldId(`bands[${i}].${name}`)}><span class="nhsuk-u-visually-hidden">${label} for ${payBandWord(form.values[`bands[${i}].pay_band`])}</span></label></div></div></td>`;
  return html`<form onSubmit=${form.submit} novalidate>
    <${RestoredNotice} form=${form} />
    <${ErrorSummary} form=${form} labels=${{ effective_from: 'Effective from', reservation_hold_hours: 'Reservation hold', min_charge_pct: 'Lowest charge to lend' }} />
    <${TextField} form=${form} name="effective_from" label="Effective from" hint="The first day loans are made under this version, as YYYY-MM-DD." width="10" />
    <${TextField} form=${form} name="reservation_hold_hours" label="Hours a reserved bike is held" width="4" inputmode="numeric" />
    <${TextField} form=${form} name="min_charge_pct" label="Lowest charge to lend (%)" hint="A bike whose tracker last reported less charge is shown at the kiosk as charging and not lent. 0 turns this off." width="3" inputmode="numeric" />
    <${TextField} form=${form} name="note" label="Note" hint="Why this version, for the record." width="30" />
    <div class="app-table-wrap"><table class="nhsuk-table app-table app-policy-table">
      <caption class="nhsuk-table__caption nhsuk-table__caption--s">One row per pay band</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Pay band</th><th scope="col">Eligible</th>
        ${columns.map(([, label]) => html`<th scope="col" key=${label}>${label}</th>`)}<th scope="col">Induction first</th></tr></thead>
      <tbody class="nhsuk-table__body">${current.bands.map((rule, i) => html`<tr class="nhsuk-table__row" key=${rule.pay_band}>
        <th scope="row" class="nhsuk-table__cell">${payBandWord(rule.pay_band)}</th>${tick(i, 'eligible', 'Eligible')}
        ${columns.map(([name, label]) => cell(i, name, label))}${tick(i, 'induction_required', 'Induction first')}</tr>`)}</tbody>
    </table></div>
    <${SubmitButton} form=${form}>Publish this version</${SubmitButton}>
  </form>`;
}

export function NewPolicy() {
  const { data, error, loading } = useApi(() => api.get('/policy/current'));
  const current = data;
  return html`<${Page} title="Publish a new policy version" caption="Loan policy">
    <p class="nhsuk-body">The rows start as the version in force today. Loans already made keep their own version.</p>
    ${loading && html`<${Loading} />`}<${Failure} error=${error} />
    ${current?.bands && html`<${NewVersionForm} current=${current} />`}
  </${Page}>`;
}
