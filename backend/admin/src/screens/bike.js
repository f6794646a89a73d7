// One bike: its details, its workshop side, loans, trips, tracker and status changes (only those allowed).
import { useState } from 'preact/hooks';
import { api, listAll } from '../core/api.js';
import { html } from '../core/html.js';
import { forgetBikes, siteName, useSites } from '../core/names.js';
import { useApi } from '../core/use_api.js';
import { bikeStatusWord, day, isoDay, kilometres, loanStatusWord, moment, number } from '../core/words.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { StaffLink } from '../components/links.js';
import { Done, Failure, Loading } from '../components/notice.js';
import { Page, Summary } from '../components/page.js';
import { BikeStatus } from './fleet.js';
import { BikeWorkshop } from './bike_workshop.js';

function StatusChange({ bike, rules, onChanged }) {
  const [done, setDone] = useState('');
  const byLoan = rules.loan_managed.includes(bike.status);
  const allowed = byLoan ? [] : rules.transitions.filter((rule) => rule.from === bike.status && !rules.loan_managed.includes(rule.to)).map((rule) => rule.to);
  const form = useForm({
    id: `bike-${bike.id}-status`,
    initial: { status: '', note: '' },
    validate: (v) => (v.status ? {} : { status: 'Choose the new status' }),
    onSubmit: async (v, key) => {
      const changed = await api.post(`/bikes/${bike.id}/status`, { status: v.status, note: v.note.trim() }, { key });
      form.reset();
      forgetBikes();
      setDone(`Status changed to ${bikeStatusWord(changed.status)}.`);
      onChanged();
    },
  });
  if (!allowed.length) return html`<p class="nhsuk-body">A bike that is ${bikeStatusWord(bike.status).toLowerCase()} changes status only through a loan or a return.</p>`;
  return html`<form onSubmit=${form.submit} novalidate class="app-inline-form">
    ${done && html`<${Done}>${done}</${Done}>`}
    <${ErrorSummary} form=${form} labels=${{ status: 'New status', note: 'Reason' }} />
    <${SelectField} form=${form} name="status" label="New status" options=${[{ value: '', label: 'Choose' }, ...allowed.map((status) => ({ value: status, label: bikeStatusWord(status) }))]} />
    <${TextField} form=${form} name="note" label="Reason" hint="For example the fault found." width="30" />
    <${SubmitButton} form=${form} secondary=${true}>Change status</${SubmitButton}>
  </form>`;
}

function Trips({ bikeId }) {
  const to = new Date();
  const from = new Date(to.getTime() - 89 * 86400 * 1000);
  const { data, error, loading } = useApi(() => api.get(`/bikes/${bikeId}/trips`, { from: isoDay(from), to: isoDay(to), sort: '-started_at', page_size: 20 }), [bikeId]);
  if (loading) return html`<${Loading} what="Reading trips" />`;
  if (error) return html`<${Failure} error=${error} />`;
  const trips = data.data;
  if (!trips.length) return html`<p class="nhsuk-body">No trips in the last 90 days.</p>`;
  return html`<table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">Trips in the last 90 days (${data.total}; the latest ${trips.length})</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Started</th><th scope="col" class="app-numeric">Distance</th><th scope="col" class="app-numeric">Minutes</th></tr></thead>
    <tbody class="nhsuk-table__body">${trips.map((trip, index) => html`<tr class="nhsuk-table__row" key=${trip.id ?? index}>
      <td class="nhsuk-table__cell">${moment(trip.started_at)}</td>
      <td class="nhsuk-table__cell app-numeric">${number(trip.distance_km)} km</td>
      <td class="nhsuk-table__cell app-numeric">${number((Date.parse(trip.ended_at) - Date.parse(trip.started_at)) / 60000)}</td></tr>`)}</tbody></table>`;
}

export function BikePage({ params, query, user }) {
  const sites = useSites();
  const { data, error, loading, reload } = useApi(async () => {
    const [bike, rules, trackers] = await Promise.all([
      api.get(`/bikes/${params.id}`),
      api.get('/bikes/status-transitions'),
      listAll('/trackers').catch(() => []),
    ]);
    return { bike, rules, tracker: trackers.find((tracker) => tracker.bike_id === bike.id) };
  }, [params.id]);
  if (loading && !data) return html`<${Page} title="Bike"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title="Bike"><${Failure} error=${error} /></${Page}>`;
  const { bike, rules, tracker } = data;
  return html`<${Page} title=${`Bike ${bike.asset_tag}`} caption="Fleet">
    ${query.get('added') && html`<${Done}>The bike has been added to the fleet.</${Done}>`}
    <${Summary} rows=${[
      ['Status', html`<${BikeStatus} status=${bike.status} />${bike.status_note ? html`<p class="app-quiet">${bike.status_note}</p>` : ''}`],
      ['Make and model', `${bike.make} ${bike.model}`],
      ['Frame number', bike.frame_number],
      ['Battery serial', bike.battery_serial || 'None recorded'],
      ['Site', siteName(sites, bike.site_id)],
      ['Odometer', kilometres(bike.odometer_m)],
      ['Tracker', tracker ? `${tracker.device_id}${tracker.last_seen_at ? `, last heard ${moment(tracker.last_seen_at)}` : ''}` : 'None fitted'],
      ['Last changed', moment(bike.updated_at)],
    ]} />
    <h2 class="nhsuk-heading-m">Change status</h2>
    <${StatusChange} bike=${bike} rules=${rules} onChanged=${reload} />
    <${BikeWorkshop} bike=${bike} />
    <h2 class="nhsuk-heading-m">Loans</h2>
    <${DataList} id="bike-loans" path="/loans" fixed=${{ bike_id: bike.id }} inUrl=${false} caption="Loans of this bike" empty="This bike has not been lent yet."
      columns=${[
        { key: 'checked_out_at', label: 'Checked out', render: (loan) => day(loan.checked_out_at) },
        { key: 'staff_id', label: 'Borrower', render: (loan) => html`<${StaffLink} id=${loan.staff_id} user=${user} />` },
        { key: 'status', label: 'Status', render: (loan) => loanStatusWord(loan.status) },
        { key: 'due_at', label: 'Due', render: (loan) => day(loan.due_at) },
        { key: 'returned_at', label: 'Returned', render: (loan) => day(loan.returned_at) },
        { key: 'distance_km', label: 'Distance', numeric: true, render: (loan) => (loan.distance_km == null ? '—' : `${number(loan.distance_km)} km`) },
      ]} />
    <h2 class="nhsuk-heading-m">Trips</h2>
    <${Trips} bikeId=${bike.id} />
  </${Page}>`;
}
