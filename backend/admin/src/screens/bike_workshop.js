// A bike's workshop side, shown on its page: faults and work orders, where each service stands,
// the services done, and recording one.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { href } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { day, kilometres, moment, number } from '../core/words.js';
import { actorWord, serviceKindWord, serviceKinds, serviceLeft } from '../core/workshop_words.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done, Failure, Loading } from '../components/notice.js';
import { ServiceState, workOrderColumns } from './workshop.js';

function ServiceStanding({ bikeId, round }) {
  const { data, error, loading } = useApi(() => api.get(`/bikes/${bikeId}/servicing`), [bikeId, round]);
  if (loading && !data) return html`<${Loading} what="Reading the servicing" />`;
  if (error) return html`<${Failure} error=${error} />`;
  return html`<table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">Where each service stands</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Service</th><th scope="col">State</th><th scope="col">When due</th><th scope="col">Last done</th></tr></thead>
    <tbody class="nhsuk-table__body">${data.data.map((due) => html`<tr class="nhsuk-table__row" key=${due.kind}>
      <th scope="row" class="nhsuk-table__cell">${serviceKindWord(due.kind)}</th><td class="nhsuk-table__cell"><${ServiceState} state=${due.state} /></td>
      <td class="nhsuk-table__cell">${serviceLeft(due)}</td><td class="nhsuk-table__cell">${due.last_done_at ? day(due.last_done_at) : 'Never'}</td></tr>`)}</tbody></table>`;
}

function RecordService({ bikeId, onRecorded }) {
  const [said, setSaid] = useState('');
  const form = useForm({
    id: `bike-${bikeId}-service`,
    initial: { kind: '', notes: '' },
    validate: (v) => (v.kind ? {} : { kind: 'Choose the service done' }),
    onSubmit: async (v, key) => {
      const done = await api.post(`/bikes/${bikeId}/services`, { kind: v.kind, notes: v.notes.trim() }, { key });
      form.reset();
      setSaid(`${serviceKindWord(done.kind)} recorded; its count starts again.`);
      onRecorded();
    },
  });
  return html`<form onSubmit=${form.submit} novalidate class="app-inline-form">
    ${said && html`<${Done}>${said}</${Done}>`}
    <${ErrorSummary} form=${form} labels=${{ kind: 'Service done', notes: 'Notes' }} />
    <${SelectField} form=${form} name="kind" label="Service done" options=${[{ value: '', label: 'Choose' }, ...serviceKinds.map((kind) => ({ value: kind, label: serviceKindWord(kind) }))]} />
    <${TextField} form=${form} name="notes" label="Notes" width="30" />
    <${SubmitButton} form=${form} secondary=${true}>Record the service</${SubmitButton}>
  </form>`;
}

export function BikeWorkshop({ bike }) {
  const [round, setRound] = useState(0);
  return html`<div>
    <h2 class="nhsuk-heading-m">Faults and work orders</h2>
    <p class="nhsuk-body"><a href=${href(`/workshop/orders/new?bike_id=${bike.id}`)}>Open a work order for this bike</a></p>
    <${DataList} id="bike-work-orders" path="/work-orders" fixed=${{ bike_id: bike.id }} inUrl=${false} caption="Faults and work orders on this bike"
      defaultSort="-reported_at" empty="No fault has been reported on this bike." columns=${workOrderColumns(null, { bike: false })} />
    <h2 class="nhsuk-heading-m">Servicing</h2>
    <${ServiceStanding} bikeId=${bike.id} round=${round} />
    <h3 class="nhsuk-heading-s">Record a service done</h3>
    <${RecordService} bikeId=${bike.id} onRecorded=${() => setRound((n) => n + 1)} />
    <h3 class="nhsuk-heading-s">Services done</h3>
    <${DataList} key=${round} id="bike-services" path=${`/bikes/${bike.id}/services`} inUrl=${false} caption="Services done on this bike" defaultSort="-done_at" empty="No service recorded yet."
      columns=${[
        { key: 'done_at', label: 'Done', render: (s) => moment(s.done_at) },
        { key: 'kind', label: 'Service', render: (s) => serviceKindWord(s.kind) },
        { key: 'odometer_m', label: 'Odometer', numeric: true, render: (s) => kilometres(s.odometer_m) },
        { key: 'cycle_count', label: 'Charge cycles', numeric: true, render: (s) => (s.cycle_count == null ? '—' : number(s.cycle_count)) },
        { key: 'done_by', label: 'By', render: (s) => actorWord(s.done_by) },
        { key: 'notes', label: 'Notes', render: (s) => s.notes || '—' },
      ]} />
  </div>`;
}
