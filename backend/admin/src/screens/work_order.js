// One work order: what is wrong, the diagnosis, labour and parts, status changes, and the safety
// sign-off that lets the bike be lent again.
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { forgetBikes, siteName, useSites } from '../core/names.js';
import { href } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { moment } from '../core/words.js';
import { actorWord, categoryWords, duration, pounds, workOrderStatusWord } from '../core/workshop_words.js';
import { ActionButton, ActionError, useAction } from '../components/action.js';
import { Checkbox, ErrorSummary, SelectField, SubmitButton, TextArea, TextField, useForm } from '../components/form.js';
import { BikeLink } from '../components/links.js';
import { Done, Failure, Loading, useSaid } from '../components/notice.js';
import { Page, Summary } from '../components/page.js';
import { WorkOrderStatus } from './workshop.js';

const whole = (text) => /^\d+$/.test(String(text).trim());
/// "12.50" or "12" pounds as pence, or null when it is not an amount.
function toPence(text) {
  const found = String(text).trim().replace(/^£/, '').match(/^(\d{1,7})(?:\.(\d{1,2}))?$/);
  return found ? Number(found[1]) * 100 + Number((found[2] || '0').padEnd(2, '0')) : null;
}

function StatusChange({ job, onChanged, say }) {
  const form = useForm({
    id: `work-order-${job.id}-status`,
    initial: { status: '', note: '' },
    validate: (v) => ({
      ...(v.status ? {} : { status: 'Choose the new status' }),
      ...(v.status === 'closed' && !v.note.trim() && !(job.notes || '').trim() ? { note: 'Say what was found and done in a note here, or save the diagnosis first, before closing the job' } : {}),
    }),
    onSubmit: async (v, key) => {
      const changed = await api.post(`/work-orders/${job.id}/status`, { status: v.status, note: v.note.trim() }, { key });
      form.reset();
      forgetBikes();
      say(`Status changed to ${workOrderStatusWord(changed.status).toLowerCase()}.`);
      onChanged();
    },
  });
  if (!job.next_statuses.length) return null;
  return html`<form onSubmit=${form.submit} novalidate class="app-inline-form">
    <${ErrorSummary} form=${form} labels=${{ status: 'New status', note: 'Note' }} />
    <${SelectField} form=${form} name="status" label="New status"
      options=${[{ value: '', label: 'Choose' }, ...job.next_statuses.map((status) => ({ value: status, label: workOrderStatusWord(status) }))]} />
    <${TextField} form=${form} name="note" label="Note" hint=${(job.notes || '').trim() ? 'Optional: what was found or is awaited.' : 'What was found or is awaited. Closing the job needs it, or a saved diagnosis.'} width="30" />
    <${SubmitButton} form=${form} secondary=${true}>Change status</${SubmitButton}>
  </form>`;
}

function SignOff({ job, user, onChanged, say }) {
  const form = useForm({
    id: `work-order-${job.id}-sign-off`,
    initial: { note: '' },
    validate: (v) => (v.note.trim() ? {} : { note: 'Say what was checked before signing the bike off' }),
    onSubmit: async (v, key) => {
      await api.post(`/work-orders/${job.id}/sign-off`, { note: v.note.trim() }, { key });
      forgetBikes();
      say('Safety check signed off. The work order is closed and the bike can be lent again once no other job holds it.');
      onChanged();
    },
  });
  if (!job.safety || job.status !== 'ready_for_check') return null;
  if (user.role !== 'technician') {
    return html`<div class="nhsuk-inset-text"><p>This safety job is ready for its check. A technician signs it off.</p></div>`;
  }
  return html`<div class="nhsuk-card app-card-tight"><div class="nhsuk-card__content">
    <h2 class="nhsuk-card__heading nhsuk-heading-m">Safety check</h2>
    <p class="nhsuk-body">Sign off only once the bike has been checked and is safe to ride. Signing off closes this work order and records a safety check.</p>
    <${ErrorSummary} form=${form} labels=${{ note: 'What was checked' }} />
    <form onSubmit=${form.submit} novalidate>
      <${TextField} form=${form} name="note" label="What was checked" hint="For example: brakes bled and tested, test ride." width="30" />
      <${SubmitButton} form=${form}>Sign off the safety check</${SubmitButton}>
    </form>
  </div></div>`;
}

function Diagnosis({ job, onChanged, say }) {
  const form = useForm({
    id: `work-order-${job.id}-diagnosis`,
    initial: {
      notes: job.notes || '', supplier: job.supplier || '', supplier_cost: job.supplier_cost_pence ? (job.supplier_cost_pence / 100).toFixed(2) : '',
      warranty_claim: job.warranty_claim,
    },
    validate: (v) => ({
      ...(v.notes.trim().length > 2000 ? { notes: 'Write at most 2,000 characters' } : {}),
      ...(String(v.supplier_cost).trim() && toPence(v.supplier_cost) === null ? { supplier_cost: 'Enter an amount in pounds, for example 12.50' } : {}),
    }),
    onSubmit: async (v, key) => {
      await api.patch(`/work-orders/${job.id}`, {
        notes: v.notes.trim(), supplier: v.supplier.trim(), supplier_cost_pence: toPence(v.supplier_cost) ?? 0, warranty_claim: !!v.warranty_claim,
      }, { key });
      say('Diagnosis saved.');
      onChanged();
    },
  });
  return html`<form onSubmit=${form.submit} novalidate>
    <${ErrorSummary} form=${form} labels=${{ notes: 'Diagnosis', supplier: 'Supplier', supplier_cost: 'Supplier cost' }} />
    <${TextArea} form=${form} name="notes" label="Diagnosis and notes" hint="What was found and what was done." rows=${4} />
    <div class="app-two">
      <${TextField} form=${form} name="supplier" label="Supplier" hint="Leave empty for work done in-house." width="20" />
      <${TextField} form=${form} name="supplier_cost" label="Supplier cost (£)" hint="What the supplier charged, if anything." width="10" inputmode="decimal" />
    </div>
    <${Checkbox} form=${form} name="warranty_claim" label="Claimed under warranty" />
    <${SubmitButton} form=${form} secondary=${true}>Save the diagnosis</${SubmitButton}>
  </form>`;
}

/// What a finished job says was found: its diagnosis, or else the note it was closed with.
function finishedDiagnosis(job) {
  if ((job.notes || '').trim()) return job.notes;
  const closing = [...job.history].reverse().find((event) => event.to_status === job.status && (event.note || '').trim());
  return closing ? `No diagnosis was saved. Closing note: ${closing.note}` : 'No notes.';
}

/// Takes back a line recorded by mistake; the confirmation takes the focus, as the line it stood on is gone.
function RemoveButton({ path, label, said, say, onChanged }) {
  const remove = useAction(async (key) => {
    await api.delete(path, { key });
    say(said);
    onChanged();
  });
  return html`<${ActionButton} action=${remove} label=${label}>Remove</${ActionButton}><${ActionError} action=${remove} />`;
}

function Labour({ job, open, user, onChanged, say }) {
  const form = useForm({
    id: `work-order-${job.id}-labour`,
    initial: { minutes: '', note: '' },
    validate: (v) => (whole(v.minutes) && Number(v.minutes) > 0 ? {} : { minutes: 'Enter the minutes worked as a whole number from 1 to 1440, for example 45' }),
    onSubmit: async (v, key) => {
      await api.post(`/work-orders/${job.id}/labour`, { minutes: Number(v.minutes), note: v.note.trim() }, { key });
      form.reset();
      onChanged();
    },
  });
  return html`<div>
    ${job.labour.length ? html`<table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">Labour: ${duration(job.labour_minutes)} in all</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Technician</th><th scope="col" class="app-numeric">Time</th><th scope="col">Note</th><th scope="col">Recorded</th>${open && html`<th scope="col"><span class="nhsuk-u-visually-hidden">Remove</span></th>`}</tr></thead>
      <tbody class="nhsuk-table__body">${job.labour.map((entry) => html`<tr class="nhsuk-table__row" key=${entry.id}>
        <td class="nhsuk-table__cell">${entry.technician}</td><td class="nhsuk-table__cell app-numeric">${duration(entry.minutes)}</td>
        <td class="nhsuk-table__cell">${entry.note || '—'}</td><td class="nhsuk-table__cell">${moment(entry.recorded_at)}</td>
        ${open && html`<td class="nhsuk-table__cell"><${RemoveButton} path=${`/work-orders/${job.id}/labour/${entry.id}`} label=${`Remove ${entry.minutes} minutes of labour`} said=${`${duration(entry.minutes)} of labour by ${entry.technician} removed.`} say=${say} onChanged=${onChanged} /></td>`}</tr>`)}</tbody></table>`
      : html`<p class="nhsuk-body">No labour recorded yet.</p>`}
    ${open && html`<form onSubmit=${form.submit} novalidate aria-label="Add labour">
      <${ErrorSummary} form=${form} labels=${{ minutes: 'Minutes' }} />
      <div class="app-inline-form app-inline-form--row">
        <${TextField} form=${form} name="minutes" label="Minutes worked" width="5" inputmode="numeric" />
        <${TextField} form=${form} name="note" label=${`Labour note (recorded as ${user.username})`} width="20" />
        <${SubmitButton} form=${form} secondary=${true}>Add labour</${SubmitButton}>
      </div>
    </form>`}
  </div>`;
}

function Parts({ job, open, onChanged, say }) {
  const form = useForm({
    id: `work-order-${job.id}-part`,
    initial: { name: '', part_number: '', quantity: '1', unit_cost: '' },
    validate: (v) => ({
      ...(v.name.trim() ? {} : { name: 'Enter the part' }),
      ...(whole(v.quantity) && Number(v.quantity) > 0 ? {} : { quantity: 'Enter how many, a whole number from 1' }),
      ...(toPence(v.unit_cost) === null ? { unit_cost: 'Enter the cost of one in pounds, for example 12.50' } : {}),
    }),
    onSubmit: async (v, key) => {
      await api.post(`/work-orders/${job.id}/parts`, { name: v.name.trim(), part_number: v.part_number.trim(), quantity: Number(v.quantity), unit_cost_pence: toPence(v.unit_cost) }, { key });
      form.reset();
      onChanged();
    },
  });
  return html`<div>
    ${job.parts.length ? html`<table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">Parts: ${pounds(job.parts_cost_pence)} in all</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">Part</th><th scope="col">Part number</th><th scope="col" class="app-numeric">Quantity</th><th scope="col" class="app-numeric">Each</th><th scope="col" class="app-numeric">Cost</th>${open && html`<th scope="col"><span class="nhsuk-u-visually-hidden">Remove</span></th>`}</tr></thead>
      <tbody class="nhsuk-table__body">${job.parts.map((part) => html`<tr class="nhsuk-table__row" key=${part.id}>
        <td class="nhsuk-table__cell">${part.name}</td><td class="nhsuk-table__cell">${part.part_number || '—'}</td>
        <td class="nhsuk-table__cell app-numeric">${part.quantity}</td><td class="nhsuk-table__cell app-numeric">${pounds(part.unit_cost_pence)}</td>
        <td class="nhsuk-table__cell app-numeric">${pounds(part.cost_pence)}</td>
        ${open && html`<td class="nhsuk-table__cell"><${RemoveButton} path=${`/work-orders/${job.id}/parts/${part.id}`} label=${`Remove ${part.name}`} said=${`${part.name} removed from the parts.`} say=${say} onChanged=${onChanged} /></td>`}</tr>`)}</tbody></table>`
      : html`<p class="nhsuk-body">No parts used yet.</p>`}
    ${open && html`<form onSubmit=${form.submit} novalidate aria-label="Add a part">
      <${ErrorSummary} form=${form} labels=${{ name: 'Part', quantity: 'Quantity', unit_cost: 'Cost of one' }} />
      <div class="app-inline-form app-inline-form--row">
        <${TextField} form=${form} name="name" label="Part" width="20" />
        <${TextField} form=${form} name="part_number" label="Part number" width="10" />
        <${TextField} form=${form} name="quantity" label="Quantity" width="3" inputmode="numeric" />
        <${TextField} form=${form} name="unit_cost" label="Cost of one (£)" width="5" inputmode="decimal" />
        <${SubmitButton} form=${form} secondary=${true}>Add the part</${SubmitButton}>
      </div>
    </form>`}
  </div>`;
}

function History({ job }) {
  return html`<table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">Status changes</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col">When</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Who</th><th scope="col">Note</th></tr></thead>
    <tbody class="nhsuk-table__body">${job.history.map((event, index) => html`<tr class="nhsuk-table__row" key=${index}>
      <td class="nhsuk-table__cell">${moment(event.at)}</td><td class="nhsuk-table__cell">${event.from_status ? workOrderStatusWord(event.from_status) : '—'}</td>
      <td class="nhsuk-table__cell">${workOrderStatusWord(event.to_status)}</td><td class="nhsuk-table__cell">${actorWord(event.actor)}</td>
      <td class="nhsuk-table__cell">${event.note || '—'}</td></tr>`)}</tbody></table>`;
}

function WriteOff({ job, onChanged, say }) {
  const writeOff = useAction(async (key) => {
    await api.post(`/work-orders/${job.id}/write-off`, { note: 'Written off at the desk' }, { key });
    forgetBikes();
    say('Written off: the bike has been retired from the fleet.');
    onChanged();
  });
  return html`<details class="nhsuk-details"><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">Write the bike off</span></summary>
    <div class="nhsuk-details__text">
      <p>Writing off ends this and every other open job on the bike and retires the bike from the fleet. It cannot be undone here.</p>
      <${ActionButton} action=${writeOff} warning=${true}>Write off the bike</${ActionButton}>
      <${ActionError} action=${writeOff} />
    </div></details>`;
}

export function WorkOrderPage({ params, query, user }) {
  const sites = useSites();
  const [said, say, round] = useSaid(query.get('opened') ? 'The work order is open.' : '');
  const { data: job, error, loading, reload } = useApi(() => api.get(`/work-orders/${params.id}`), [params.id]);
  if (loading && !job) return html`<${Page} title="Work order"><${Loading} /></${Page}>`;
  if (error) return html`<${Page} title="Work order"><${Failure} error=${error} /></${Page}>`;
  const open = job.status !== 'closed' && job.status !== 'written_off';
  return html`<${Page} title=${`Work order ${job.id}`} caption="Workshop">
    ${said && html`<${Done} round=${round}>${said}</${Done}>`}
    ${job.safety && open && html`<div class="nhsuk-warning-callout"><h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>Safety job</span></h2>
      <p>The bike cannot be lent until a technician signs off its safety check.</p></div>`}
    <${Summary} rows=${[
      ['Status', html`<${WorkOrderStatus} status=${job.status} />`],
      ['Bike', html`<${BikeLink} id=${job.bike_id} tag=${job.bike_tag} /> (${job.bike_model})`],
      ['Site', siteName(sites, job.site_id)],
      ['Category', `${categoryWords[job.category] || job.category}${job.safety ? ', safety' : ''}`],
      ['What is wrong', job.description || 'No description given'],
      ['Reported', `${moment(job.reported_at)} by ${actorWord(job.reported_by)}`],
      job.campaign_id && ['Campaign', html`<a href=${href(`/campaigns/${job.campaign_id}`)}>Campaign ${job.campaign_id}</a>`],
      ['Cost', `${pounds(job.cost_pence)} (parts ${pounds(job.parts_cost_pence)}, supplier ${pounds(job.supplier_cost_pence)})${job.warranty_claim ? ', claimed under warranty' : ''}`],
      job.signed_off_by && ['Safety check signed off', `${moment(job.signed_off_at)} by ${actorWord(job.signed_off_by)}`],
      job.closed_at && ['Finished', moment(job.closed_at)],
    ]} />
    ${open && html`<${SignOff} job=${job} user=${user} onChanged=${reload} say=${say} />
      <h2 class="nhsuk-heading-m">Change status</h2>
      <${StatusChange} job=${job} onChanged=${reload} say=${say} />`}
    <h2 class="nhsuk-heading-m">Diagnosis</h2>
    ${open ? html`<${Diagnosis} job=${job} onChanged=${reload} say=${say} />`
      : html`<p class="nhsuk-body">${finishedDiagnosis(job)}${job.supplier ? ` Supplier: ${job.supplier}.` : ''}</p>`}
    <h2 class="nhsuk-heading-m">Labour</h2>
    <${Labour} job=${job} open=${open} user=${user} onChanged=${reload} say=${say} />
    <h2 class="nhsuk-heading-m">Parts</h2>
    <${Parts} job=${job} open=${open} onChanged=${reload} say=${say} />
    <h2 class="nhsuk-heading-m">History</h2>
    <${History} job=${job} />
    ${job.reservation_outcomes.length > 0 && html`<p class="nhsuk-body">A reservation on this bike was ${job.reservation_outcomes.map((r) => (r.outcome === 'offered_other_bike' ? 'moved to another free bike' : 'put back at the head of the waiting list')).join(', ')}.</p>`}
    ${open && user.role === 'coordinator' && html`<${WriteOff} job=${job} onChanged=${reload} say=${say} />`}
  </${Page}>`;
}
