// Staff: search and filters, a person's page (loans, waiting list, reminders, privacy zone, PIN, badge, active).
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { siteName, useChoices, useSites } from '../core/names.js';
import { href } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { day, loanStatusWord, missingAccessories, number, payBandWord, payBands, tierWord } from '../core/words.js';
import { ActionButton, ActionError, ConfirmedButton, useAction } from '../components/action.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { BikeLink } from '../components/links.js';
import { Done, Failure, Loading, Tag, useSaid } from '../components/notice.js';
import { Page, Summary } from '../components/page.js';
import { PrivacyZone } from './staff_privacy_zone.js';
import { EmailReminders } from './staff_reminders.js';

const yesNo = [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }];

export function Staff() {
  const sites = useSites();
  return html`<${Page} title="Staff" actions=${html`<a class="nhsuk-button nhsuk-button--small nhsuk-button--secondary" href=${href('/staff/new')}>Add a member of staff</a> <a class="nhsuk-button nhsuk-button--small" href=${href('/staff/import')}>Import a staff list</a>`}>
    <${DataList} id="staff" path="/staff" downloads caption="Staff" search="Search by name or staff number" empty="Nobody matches."
      filters=${[
        { name: 'pay_band', label: 'Pay band', options: payBands.map((band) => ({ value: band, label: payBandWord(band) })) },
        { name: 'site_id', label: 'Home site', options: sites.map((site) => ({ value: site.id, label: site.name })) },
        { name: 'active', label: 'Active', options: yesNo },
        { name: 'inducted', label: 'Inducted', options: yesNo },
      ]}
      columns=${[
        { key: 'name', label: 'Name', sort: true, render: (person) => html`<a href=${href(`/staff/${person.id}`)}>${person.name}</a>` },
        { key: 'staff_number', label: 'Staff number', sort: true },
        { key: 'pay_band', label: 'Pay band', sort: true, render: (person) => payBandWord(person.pay_band) },
        { key: 'department', label: 'Department' },
        { key: 'home_site_id', label: 'Home site', sort: true, render: (person) => siteName(sites, person.home_site_id) },
        { key: 'induction_date', label: 'Inducted', sort: true, render: (person) => (person.induction_date ? day(person.induction_date) : 'Not yet') },
        { key: 'active', label: 'Active', render: (person) => (person.active ? 'Yes' : html`<${Tag} colour="grey">Left</${Tag}>`) },
      ]} />
  </${Page}>`;
}

function PinForm({ person }) {
  const [done, setDone] = useState(false);
  const form = useForm({
    id: `staff-${person.id}-pin`,
    initial: { pin: '' },
    secret: ['pin'],
    validate: (v) => (/^\d{4,8}$/.test(v.pin) ? {} : { pin: 'Enter 4 to 8 digits' }),
    onSubmit: async (v, key) => {
      await api.put(`/staff/${person.id}/pin`, { pin: v.pin }, { key });
      form.reset();
      setDone(true);
    },
  });
  return html`<form onSubmit=${form.submit} novalidate class="app-inline-form">
    ${done && html`<${Done}>The new PIN is set. Tell ${person.name} in person.</${Done}>`}
    <${ErrorSummary} form=${form} labels=${{ pin: 'New PIN' }} />
    <${TextField} form=${form} name="pin" label="New kiosk PIN" type="password" inputmode="numeric" width="5" autocomplete="new-password" />
    <${SubmitButton} form=${form} secondary=${true}>Reset PIN</${SubmitButton}>
  </form>`;
}

function BadgeForm({ person, onChanged }) {
  const form = useForm({
    id: `staff-${person.id}-badge`,
    initial: { badge_id: person.badge_id || '' },
    onSubmit: async (v, key) => {
      await api.put(`/staff/${person.id}/badge`, { badge_id: v.badge_id.trim() || null }, { key });
      onChanged();
    },
  });
  return html`<form onSubmit=${form.submit} novalidate class="app-inline-form">
    <${ErrorSummary} form=${form} labels=${{ badge_id: 'Badge' }} />
    <${TextField} form=${form} name="badge_id" label="Badge number" hint="Leave empty to take the badge away." width="20" />
    <${SubmitButton} form=${form} secondary=${true}>Save badge</${SubmitButton}>
  </form>`;
}

function JoinWaitlist({ person, onJoined }) {
  const sites = useSites();
  const form = useForm({
    id: `waitlist-${person.id}`,
    initial: { site_id: person.home_site_id ? String(person.home_site_id) : '' },
    validate: (v) => (v.site_id ? {} : { site_id: 'Choose the site they will collect from' }),
    onSubmit: async (v, key) => {
      const entry = await api.post('/waitlist', { staff_id: person.id, site_id: Number(v.site_id) }, { key });
      const site = siteName(sites, entry.site_id);
      onJoined(entry.position ? `${person.name} is on the waiting list at ${site}, position ${entry.position}.` : `${person.name} is on the waiting list at ${site}, and a bike is held for them.`);
    },
  });
  return html`<form class="app-inline-form" onSubmit=${form.submit} novalidate>
    <${ErrorSummary} form=${form} labels=${{ site_id: 'Site' }} />
    <${SelectField} form=${form} name="site_id" label="Put on the waiting list at" options=${[{ value: '', label: 'Choose a site' }, ...sites.map((site) => ({ value: site.id, label: site.name }))]} />
    <${SubmitButton} form=${form} secondary=${true}>Add to the waiting list</${SubmitButton}>
  </form>`;
}

function LeaveWaitlist({ person, entry, site, onLeft }) {
  const leave = useAction(async (key) => {
    await api.post(`/waitlist/${entry.id}/leave`, {}, { key });
    onLeft(`${person.name} is off the waiting list at ${site}.`);
  });
  const held = entry.position ? '' : ' The bike held for them goes to the next person.';
  return html`<${ConfirmedButton} action=${leave} label=${`Remove from this waiting list at ${site}`} confirm="Yes, remove them"
    question=${`Remove ${person.name} from the waiting list at ${site}? They lose their place; joining again puts them at the back of their tier.${held}`}>Remove from this waiting list</${ConfirmedButton}>
    <${ActionError} action=${leave} />`;
}

function WaitingEntries({ person }) {
  const sites = useSites();
  const { data: answer, error, loading, reload } = useApi(() => api.get('/waitlist', { staff_id: person.id }), [person.id, person.active]);
  const [said, say, round] = useSaid();
  const changed = (message) => {
    say(message);
    reload();
  };
  if (loading && !answer) return html`<${Loading} />`;
  if (error) return html`<${Failure} error=${error} />`;
  const data = answer.data;
  return html`<div>
    ${said && html`<${Done} round=${round}>${said}</${Done}>`}
    ${data.length ? html`<ul class="nhsuk-list">${data.map((entry) => html`<li key=${entry.id}>${siteName(sites, entry.site_id)}: ${entry.position ? `position ${entry.position}` : 'a bike is held for them'}, ${tierWord(entry.priority_tier).toLowerCase()}, since ${day(entry.joined_at)}
        <${LeaveWaitlist} person=${person} entry=${entry} site=${siteName(sites, entry.site_id)} onLeft=${changed} /></li>`)}</ul>`
      : html`<p class="nhsuk-body">Not on any waiting list.</p>`}
    ${person.active && html`<${JoinWaitlist} person=${person} onJoined=${changed} />`}
  </div>`;
}

// Refusals about the person, not the site: no other site would lend to them either.
const personRefusals = new Set(['staff_inactive', 'no_policy', 'not_eligible', 'induction_required', 'loan_limit_reached']);

/// "Check out a bike", or why this person cannot borrow now, as the checkout at their home site would say.
function CheckOutLink({ person }) {
  const { data: offer } = useApi(() => (person.home_site_id ? api.get('/kiosk/offer', { staff_id: person.id, site_id: person.home_site_id }) : Promise.resolve(null)),
    [person.id, person.home_site_id, person.active]);
  const refusal = offer && !offer.may_borrow && personRefusals.has(offer.refusal?.code) ? offer.refusal : null;
  if (refusal) return html`<p class="nhsuk-body app-action-note" id="cannot-borrow">Cannot borrow a bike now. ${refusal.message}</p>`;
  return html`<a class="nhsuk-button nhsuk-button--small nhsuk-button--secondary app-action" href=${href(`/loans/new?staff_id=${person.id}`)}>Check out a bike</a>`;
}

export function Person({ params, query }) {
  const sites = useSites();
  const { data: choices } = useChoices();
  const commuteWord = (code) => choices?.commute_modes.find((mode) => mode.code === code)?.label || code;
  const { data: person, error, loading, reload } = useApi(() => api.get(`/staff/${params.id}`), [params.id]);
  const { data: lent } = useApi(() => api.get('/loans', { staff_id: params.id, status: 'active' }), [params.id]);
  const stillOut = lent?.data.length ? ` They still have ${lent.data.map((loan) => loan.bike_tag).join(' and ')} out, which stays theirs to bring back.` : '';
  const [said, say, round] = useSaid();
  const toggle = useAction(async (key) => {
    const saved = await api.patch(`/staff/${person.id}`, { active: !person.active }, { key });
    say(saved.active ? `${saved.name} is active again.` : `${saved.name} is marked as having left.`);
    reload();
  });
  if (loading && !person) return html`<${Page} title="Staff member"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title="Staff member"><${Failure} error=${error} /></${Page}>`;
  return html`<${Page} title=${person.name} caption="Staff">
    ${query.get('added') && html`<${Done}>${person.name} is added to the scheme's staff.</${Done}>`}
    ${query.get('changed') && !said && html`<${Done}>${person.name}'s details are saved.</${Done}>`}
    ${said && html`<${Done} round=${round}>${said}</${Done}>`}
    <${Summary} rows=${[
      ['Staff number', person.staff_number],
      ['Pay band', payBandWord(person.pay_band)],
      ['Department', person.department || '—'],
      ['Email', person.email || '—'],
      ['Home site', siteName(sites, person.home_site_id)],
      ['Induction', person.induction_date ? day(person.induction_date) : 'Not yet'],
      ['Commute before the scheme', person.commute_mode ? `${commuteWord(person.commute_mode)}${person.commute_distance_km ? `, ${number(person.commute_distance_km)} km` : ''}` : 'Not known'],
      ['Badge', person.badge_id || 'None'],
      ['Active', person.active ? 'Yes' : 'No, has left'],
    ]} />
    <div class="app-button-row">
      ${person.active
        ? html`<${ConfirmedButton} action=${toggle} confirm="Yes, they have left"
            question=${`Mark ${person.name} as having left? They leave every waiting list, and a bike held for them goes to the next person. They can no longer borrow.${stillOut} Their history stays.`}>Mark as left</${ConfirmedButton}>`
        : html`<${ActionButton} action=${toggle}>Mark as active again</${ActionButton}>`}
      <a class="nhsuk-button nhsuk-button--small nhsuk-button--secondary app-action" href=${href(`/staff/${person.id}/edit`)}>Change details</a>
      <${CheckOutLink} person=${person} />
    </div>
    <${ActionError} action=${toggle} />
    <h2 class="nhsuk-heading-m">Loans</h2>
    <${DataList} id="person-loans" path="/loans" fixed=${{ staff_id: person.id }} inUrl=${false} caption="Loans" empty="No loans yet."
      columns=${[
        { key: 'id', label: 'Loan', render: (loan) => html`<a href=${href(`/loans/${loan.id}`)}>Loan ${loan.id}</a>` },
        { key: 'bike_id', label: 'Bike', render: (loan) => html`<${BikeLink} id=${loan.bike_id} tag=${loan.bike_tag} />` },
        { key: 'status', label: 'Status', render: (loan) => loanStatusWord(loan.status) },
        { key: 'accessories', label: 'Not brought back', render: (loan) => missingAccessories(loan) || '—' },
        { key: 'checked_out_at', label: 'Checked out', render: (loan) => day(loan.checked_out_at) },
        { key: 'due_at', label: 'Due', render: (loan) => day(loan.due_at) },
      ]} />
    <h2 class="nhsuk-heading-m">Waiting lists</h2>
    <${WaitingEntries} person=${person} />
    <h2 class="nhsuk-heading-m">Email reminders</h2>
    <${EmailReminders} person=${person} />
    <h2 class="nhsuk-heading-m">Privacy zone</h2>
    <${PrivacyZone} person=${person} />
    <h2 class="nhsuk-heading-m">Kiosk PIN and badge</h2>
    <div class="app-two"><${PinForm} person=${person} /><${BadgeForm} person=${person} onChanged=${reload} /></div>
  </${Page}>`;
}
