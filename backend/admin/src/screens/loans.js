// Loans: active, overdue and history; checking a bike out for someone at the desk; a loan's page
// with return, renew and mark lost.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { forgetBikes, siteName, staffOnce, useChoices, useSites } from '../core/names.js';
import { href, navigate, withQuery } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { day, loanStatusWord, missingAccessories, moment, number } from '../core/words.js';
import { ActionButton, ActionError, useAction } from '../components/action.js';
import { DataList } from '../components/data_list.js';
import { Checkbox, ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { BikeLink, StaffLink } from '../components/links.js';
import { Done, Failure, Loading, Tag, useSaid } from '../components/notice.js';
import { Page, Summary, Tabs } from '../components/page.js';

const views = {
  active: { label: 'Active', params: { status: 'active' }, sort: 'due_at' },
  due_soon: { label: 'Due within 7 days', params: { status: 'active', due_within_days: '7' }, sort: 'due_at' },
  overdue: { label: 'Overdue', params: { status: 'active', overdue: 'true' }, sort: 'due_at' },
  history: { label: 'History', params: {}, sort: '-checked_out_at' },
};

const isOverdue = (loan) => loan.status === 'active' && new Date(loan.due_at) < new Date();

/// The day a loan is due back, marked when that day has passed and the bike is still out.
function DueBack({ loan }) {
  return isOverdue(loan) ? html`${day(loan.due_at)} <${Tag} colour="red">Overdue</${Tag}>` : day(loan.due_at);
}

export function Loans({ query, user }) {
  const sites = useSites();
  const view = views[query.get('view')] ? query.get('view') : 'active';
  return html`<${Page} title="Loans" actions=${html`<a class="nhsuk-button nhsuk-button--small" href=${href('/loans/new')}>Check out a bike</a>`}>
    <${Tabs} label="Which loans" current=${view} tabs=${Object.entries(views).map(([id, v]) => ({ id, label: v.label, href: href(withQuery({ view: id, page: '', sort: '' }, new URLSearchParams())) }))} />
    <${DataList} key=${view} id="loans" path="/loans" downloads fixed=${views[view].params} defaultSort=${views[view].sort} caption=${`${views[view].label} loans`} empty="No loans here."
      filters=${[{ name: 'site_id', label: 'Site', options: sites.map((site) => ({ value: site.id, label: site.name })) }]}
      columns=${[
        { key: 'id', label: 'Loan', sort: 'id', render: (loan) => html`<a href=${href(`/loans/${loan.id}`)}>Loan ${loan.id}</a>` },
        { key: 'staff_id', label: 'Borrower', render: (loan) => (loan.staff_name ? html`<a href=${href(`/staff/${loan.staff_id}`)}>${loan.staff_name} (${loan.staff_number})</a>` : html`<${StaffLink} id=${loan.staff_id} user=${user} />`) },
        { key: 'bike_id', label: 'Bike', render: (loan) => html`<${BikeLink} id=${loan.bike_id} tag=${loan.bike_tag} />` },
        { key: 'site_id', label: 'Site', sort: true, render: (loan) => siteName(sites, loan.site_id) },
        { key: 'checked_out_at', label: 'Checked out', sort: true, render: (loan) => day(loan.checked_out_at) },
        { key: 'due_at', label: 'Due back', sort: true, render: (loan) => html`<${DueBack} loan=${loan} />` },
        { key: 'policy_version_id', label: 'Policy', render: (loan) => html`<a class="app-nowrap" href=${href(`/policy?version=${loan.policy_version_id}`)}>Version ${loan.policy_version_id}</a>` },
        view === 'history' && { key: 'status', label: 'Status', sort: true, render: (loan) => loanStatusWord(loan.status) },
        view === 'history' && { key: 'accessories', label: 'Not brought back', render: (loan) => missingAccessories(loan) || '—' },
      ].filter(Boolean)} />
  </${Page}>`;
}

const endings = {
  yes: 'The bike is back.',
  offered: 'The bike is back, and now held for the next person on the waiting list.',
  fault: 'The bike is back, and what is wrong with it is reported: a work order is open for the workshop.',
};

function LoanActions({ loan, query, onChanged }) {
  const [said, say, round] = useSaid();
  const renew = useAction(async (key) => {
    const renewed = await api.post(`/loans/${loan.id}/renew`, {}, { key });
    say(`Renewed: now due back ${day(renewed.due_at)}.`);
    onChanged();
  });
  const ended = endings[query.get('returned')] || (query.get('lost') && 'The loan has ended and the bike is listed as lost.');
  // A renewal pressed again and refused must not stand under the last one's success.
  const message = (!renew.error && said) || (loan.status !== 'active' && ended);
  if (loan.status !== 'active') return message ? html`<${Done}>${message}</${Done}>` : null;
  return html`<div>
    ${message && html`<${Done} round=${round}>${message}</${Done}>`}
    <div class="app-button-row">
      <a class="nhsuk-button nhsuk-button--small" href=${href(`/loans/${loan.id}/return`)}>Take the bike back</a>
      <${ActionButton} action=${renew}>Renew</${ActionButton}>
      <a class="nhsuk-button nhsuk-button--small nhsuk-button--warning" href=${href(`/loans/${loan.id}/lost`)}>Mark lost</a>
    </div>
    <${ActionError} action=${renew} />
  </div>`;
}

/// "helmet (back), lock (not back)" once the loan has ended; the kinds issued while it runs.
function accessoriesWords(loan) {
  if (!loan.accessories.length) return 'None';
  return loan.accessories.map((item) => (item.returned === null || item.returned === undefined ? item.kind : `${item.kind} (${item.returned ? 'back' : 'not back'})`)).join(', ');
}

export function LoanPage({ params, query, user }) {
  const sites = useSites();
  const { data: loan, error, loading, reload } = useApi(() => api.get(`/loans/${params.id}`), [params.id]);
  if (loading && !loan) return html`<${Page} title="Loan"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title="Loan"><${Failure} error=${error} /></${Page}>`;
  return html`<${Page} title=${`Loan ${loan.id}`} caption="Loans">
    <${Summary} rows=${[
      ['Borrower', html`<${StaffLink} id=${loan.staff_id} user=${user} />`],
      ['Bike', html`<${BikeLink} id=${loan.bike_id} tag=${loan.bike_tag} />`],
      ['Site', siteName(sites, loan.site_id)],
      ['Status', loanStatusWord(loan.status)],
      ['Checked out', moment(loan.checked_out_at)],
      ['Due back', html`<${DueBack} loan=${loan} />`],
      ['Returned', moment(loan.returned_at)],
      ['Renewals', String(loan.renewals)],
      ['Accessories', accessoriesWords(loan)],
      ['Policy version', html`<a href=${href(`/policy?version=${loan.policy_version_id}`)}>Version ${loan.policy_version_id}</a>`],
      ['Terms accepted', loan.terms_version],
      ['Distance', loan.distance_km == null ? '—' : `${number(loan.distance_km)} km`],
    ]} />
    <${LoanActions} loan=${loan} query=${query} onChanged=${reload} />
  </${Page}>`;
}

function PersonSearch({ onChosen }) {
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const { data, error, loading } = useApi(() => (asked ? api.get('/staff', { q: asked, active: 'true', page_size: 10 }) : Promise.resolve(null)), [asked]);
  return html`<div>
    <form role="search" aria-label="Find the borrower" onSubmit=${(event) => { event.preventDefault(); setAsked(q.trim()); }} class="app-filters">
      <div class="nhsuk-form-group app-filters__search">
        <label class="nhsuk-label" for="borrower-q">Name or staff number</label>
        <input class="nhsuk-input" id="borrower-q" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} autocomplete="off" />
      </div>
      <div class="nhsuk-form-group app-filters__apply"><button class="nhsuk-button nhsuk-button--secondary" type="submit">Find</button></div>
    </form>
    ${loading && asked && html`<${Loading} what="Searching" />`}
    <${Failure} error=${error} />
    ${data && html`<p class="nhsuk-body-s" role="status">${data.total === 0 ? 'Nobody matches.' : data.total > data.data.length ? `${data.total} found, the first ${data.data.length} shown: type more of the name, or the staff number` : `${data.total} found`}</p>
      <ul class="nhsuk-list app-choices">${data.data.map((person) => html`<li key=${person.id}>
        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick=${() => onChosen(person)}>
          Choose ${person.name} (${person.staff_number})</button></li>`)}</ul>`}
  </div>`;
}

// The bikes come best-charged first; those charging are not offered.
const chargeWords = (bike) => (typeof bike.charge_pct === 'number' ? ` (${bike.charge_pct}% charged)` : ' (no charge reading)');

function Offer({ person, siteId }) {
  const { data: offer, error, loading } = useApi(() => api.get('/kiosk/offer', { staff_id: person.id, site_id: siteId }), [person.id, siteId]);
  const { data: choices, error: choicesError } = useChoices();
  if (loading || (!choices && !choicesError)) return html`<${Loading} what="Checking what this person may borrow" />`;
  if (error || choicesError) return html`<${Failure} error=${error || choicesError} />`;
  if (!offer.may_borrow) {
    return html`<div class="nhsuk-warning-callout" role="status"><h2 class="nhsuk-warning-callout__label"><span role="text">${person.name} cannot borrow a bike now</span></h2>
      <p>${offer.refusal?.message}</p></div>`;
  }
  return html`<${OfferForm} person=${person} siteId=${siteId} offer=${offer} kinds=${choices.accessory_kinds} />`;
}

/// Every accessory kind starts ticked: the desk hands the full set over unless one is missing.
function OfferForm({ person, siteId, offer, kinds }) {
  const form = useForm({
    id: `checkout-${person.id}-${siteId}`,
    initial: { bike_id: '', accepted: false, ...Object.fromEntries(kinds.map((kind) => [kind.code, true])) },
    validate: (v) => ({
      ...(v.bike_id ? {} : { bike_id: 'Choose a bike' }),
      ...(v.accepted ? {} : { accepted: 'The borrower must accept the loan terms' }),
    }),
    onSubmit: async (v, key) => {
      const loan = await api.post('/loans', {
        staff_id: person.id, bike_id: Number(v.bike_id), terms_version: offer.terms.version,
        accessories: kinds.map((kind) => kind.code).filter((code) => v[code]),
      }, { key });
      forgetBikes();
      navigate(`/loans/${loan.id}`);
    },
  });
  const a = offer.allowance;
  const lendable = offer.bikes.filter((bike) => !bike.charging);
  return html`<div>
    <p class="nhsuk-body">${person.name} may borrow a bike for up to ${a.max_loan_days} days (due back ${day(a.due_at)}).</p>
    <${RestoredNotice} form=${form} />
    <${ErrorSummary} form=${form} labels=${{ bike_id: 'Bike', accepted: 'Terms' }} />
    <form onSubmit=${form.submit} novalidate>
      <${SelectField} form=${form} name="bike_id" label="Bike" options=${[{ value: '', label: lendable.length ? 'Choose a bike' : 'No bike is free at this site' }, ...lendable.map((bike) => ({ value: bike.id, label: `${bike.asset_tag} – ${bike.make} ${bike.model}${chargeWords(bike)}` }))]} />
      <fieldset class="nhsuk-fieldset"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Accessories handed over</legend>
        ${kinds.map((kind) => html`<${Checkbox} key=${kind.code} form=${form} name=${kind.code} label=${kind.label} />`)}
      </fieldset>
      <details class="nhsuk-details"><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Loan terms, version ${offer.terms?.version}</span></summary>
        <div class="nhsuk-details__text app-terms">${offer.terms?.body}</div></details>
      ${form.errors.accepted && html`<span class="nhsuk-error-message" id=${`${form.fieldId('accepted')}-error`}><span class="nhsuk-u-visually-hidden">Error:</span> ${form.errors.accepted}</span>`}
      <${Checkbox} form=${form} name="accepted" label="The borrower has read and accepts these terms" />
      <${SubmitButton} form=${form}>Check out the bike</${SubmitButton}>
    </form>
  </div>`;
}

export function CheckOut({ query }) {
  const sites = useSites();
  const [person, setPerson] = useState(null);
  const [siteId, setSiteId] = useState('');
  const [pickedHere, setPickedHere] = useState(false);
  const named = query.get('staff_id');
  const choose = (found) => {
    setPerson(found);
    setSiteId(found?.home_site_id ? String(found.home_site_id) : '');
  };
  useEffect(() => {
    if (named) staffOnce(named).then(choose, () => {});
  }, [named]);
  // The list of matches or the chosen name goes away under the keyboard: the next step takes the focus.
  useEffect(() => {
    if (pickedHere) document.getElementById(person ? 'checkout-site' : 'borrower-q')?.focus();
  }, [person, pickedHere]);
  const pick = (found) => {
    setPickedHere(true);
    choose(found);
  };
  return html`<${Page} title="Check out a bike for someone" caption="Loans">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      <h2 class="nhsuk-heading-m">1. The borrower</h2>
      ${person ? html`<p class="nhsuk-body">${person.name} (${person.staff_number}) <button type="button" class="app-link-button" onClick=${() => pick(null)}>Choose someone else</button></p>`
        : html`<${PersonSearch} onChosen=${pick} />`}
      ${person && html`<h2 class="nhsuk-heading-m">2. The site</h2>
        <div class="nhsuk-form-group"><label class="nhsuk-label" for="checkout-site">Site the bike is collected from</label>
          <select class="nhsuk-select" id="checkout-site" onChange=${(e) => setSiteId(e.currentTarget.value)}>
            <option value="">Choose a site</option>
            ${sites.map((site) => html`<option key=${site.id} value=${site.id} selected=${String(site.id) === siteId}>${site.name}</option>`)}
          </select></div>`}
      ${person && siteId && html`<h2 class="nhsuk-heading-m">3. The bike</h2><${Offer} key=${`${person.id}-${siteId}`} person=${person} siteId=${siteId} />`}
    </div></div>
  </${Page}>`;
}
