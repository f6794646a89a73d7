// The workshop: a technician's queue (what is open and due, most urgent first), every work order,
// and opening one by hand.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { bikesOnce, siteName, useSites } from '../core/names.js';
import { href, navigate } from '../core/router.js';
import { day } from '../core/words.js';
import {
  categoryWords, duration, pounds, serviceKindWord, serviceLeft, serviceStateColour, serviceStateWord,
  workOrderStatusColour, workOrderStatusWord, workOrderStatuses,
} from '../core/workshop_words.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextArea, useForm } from '../components/form.js';
import { BikeLink } from '../components/links.js';
import { Tag } from '../components/notice.js';
import { Page, Tabs } from '../components/page.js';

export function WorkOrderStatus({ status }) {
  return html`<${Tag} colour=${workOrderStatusColour(status)}>${workOrderStatusWord(status)}</${Tag}>`;
}

export function ServiceState({ state }) {
  return html`<${Tag} colour=${serviceStateColour(state)}>${serviceStateWord(state)}</${Tag}>`;
}

const rankWords = { 1: 'Safety job', 2: 'Service due', 3: 'Job', 4: 'Service due soon' };

function WorkshopTabs({ current }) {
  return html`<${Tabs} label="Workshop" current=${current} tabs=${[
    { id: 'queue', label: 'Queue', href: href('/workshop') },
    { id: 'orders', label: 'Work orders', href: href('/workshop/orders?status=active') },
  ]} />`;
}

function siteFilter(sites) {
  return { name: 'site_id', label: 'Site', options: sites.map((site) => ({ value: site.id, label: site.name })) };
}

function QueueItem({ item }) {
  if (item.type === 'work_order') {
    const job = item.work_order;
    return html`<a href=${href(`/workshop/orders/${job.id}`)}>Work order ${job.id}: ${categoryWords[job.category] || job.category}${job.safety ? ' (safety)' : ''}</a>
      ${job.description && html`<div class="nhsuk-body-s app-quiet">${job.description}</div>`}`;
  }
  return html`<span>${serviceKindWord(item.service.kind)}</span><div class="nhsuk-body-s app-quiet">${serviceLeft(item.service)}</div>`;
}

export function Queue() {
  const sites = useSites();
  const bikeOf = (item) => (item.work_order || item.service).bike_id;
  const siteOf = (item) => (item.work_order || item.service).site_id;
  return html`<${Page} title="Workshop queue" caption="Workshop"
    actions=${html`<a class="nhsuk-button nhsuk-button--small" href=${href('/workshop/orders/new')}>Open a work order</a>`}>
    <${WorkshopTabs} current="queue" />
    <p class="nhsuk-body">What is open and due, most urgent first: safety jobs, then services due, other jobs, and services due soon. Choose a site to see only its bikes.</p>
    <${DataList} id="queue" path="/maintenance/queue" caption="Workshop queue, most urgent first" empty="Nothing is open or due: the workshop is clear."
      filters=${[siteFilter(sites), { name: 'type', label: 'Show', options: [{ value: 'work_order', label: 'Work orders only' }, { value: 'service', label: 'Services due only' }] }]}
      columns=${[
        { key: 'position', label: 'No.', numeric: true, render: (item) => String(item.position) },
        { key: 'rank', label: 'Urgency', render: (item) => html`<span class="app-nowrap"><${Tag} colour=${item.rank <= 2 ? 'red' : item.rank === 3 ? 'blue' : 'yellow'}>${rankWords[item.rank]}</${Tag}></span>` },
        { key: 'what', label: 'What needs doing', render: (item) => html`<${QueueItem} item=${item} />` },
        { key: 'bike', label: 'Bike', render: (item) => html`<${BikeLink} id=${bikeOf(item)} />` },
        { key: 'site', label: 'Site', render: (item) => siteName(sites, siteOf(item)) },
        { key: 'state', label: 'State', render: (item) => (item.work_order ? html`<${WorkOrderStatus} status=${item.work_order.status} />` : html`<${ServiceState} state=${item.service.state} />`) },
        { key: 'since', label: 'Since', render: (item) => (item.work_order ? day(item.work_order.reported_at) : item.service.last_done_at ? `Last done ${day(item.service.last_done_at)}` : 'Never done') },
      ]} />
  </${Page}>`;
}

export function WorkOrders() {
  const sites = useSites();
  return html`<${Page} title="Work orders" caption="Workshop"
    actions=${html`<a class="nhsuk-button nhsuk-button--small" href=${href('/workshop/orders/new')}>Open a work order</a>`}>
    <${WorkshopTabs} current="orders" />
    <${DataList} id="work-orders" path="/work-orders" caption="Work orders" defaultSort="-reported_at" empty="No work order matches."
      filters=${[
        { name: 'status', label: 'Status', options: [{ value: 'active', label: 'Any open' }, ...workOrderStatuses.map((status) => ({ value: status, label: workOrderStatusWord(status) }))] },
        siteFilter(sites),
        { name: 'safety', label: 'Safety', options: [{ value: 'true', label: 'Safety jobs' }, { value: 'false', label: 'Other jobs' }] },
      ]}
      columns=${workOrderColumns(sites)} />
  </${Page}>`;
}

/// The columns of a list of work orders, here and on a bike's or a campaign's page.
export function workOrderColumns(sites, { bike = true } = {}) {
  return [
    { key: 'id', label: 'Work order', sort: 'id', render: (job) => html`<a class="app-nowrap" href=${href(`/workshop/orders/${job.id}`)}>Work order ${job.id}</a>` },
    { key: 'category', label: 'Category', render: (job) => `${categoryWords[job.category] || job.category}${job.safety ? ' (safety)' : ''}` },
    bike && { key: 'bike_id', label: 'Bike', sort: true, render: (job) => html`<${BikeLink} id=${job.bike_id} tag=${job.bike_tag} />` },
    sites && { key: 'site_id', label: 'Site', sort: true, render: (job) => siteName(sites, job.site_id) },
    { key: 'status', label: 'Status', sort: true, render: (job) => html`<${WorkOrderStatus} status=${job.status} />` },
    { key: 'reported_at', label: 'Reported', sort: true, render: (job) => day(job.reported_at) },
    { key: 'labour_minutes', label: 'Labour', numeric: true, render: (job) => duration(job.labour_minutes) },
    { key: 'cost_pence', label: 'Cost', sort: true, numeric: true, render: (job) => pounds(job.cost_pence) },
  ].filter(Boolean);
}

/// The bikes still in the fleet, by asset tag, for choosing one.
function useFleetBikes() {
  const [bikes, setBikes] = useState([]);
  useEffect(() => {
    let live = true;
    bikesOnce().then((all) => live && setBikes(all.filter((bike) => bike.status !== 'retired' && bike.status !== 'lost')
      .sort((a, b) => a.asset_tag.localeCompare(b.asset_tag))), () => {});
    return () => { live = false; };
  }, []);
  return bikes;
}

export function NewWorkOrder({ query }) {
  const bikes = useFleetBikes();
  const form = useForm({
    id: 'work-order-new',
    initial: { bike_id: query.get('bike_id') || '', category: '', description: '' },
    validate: (v) => ({
      ...(v.bike_id ? {} : { bike_id: 'Choose the bike' }),
      ...(v.category ? {} : { category: 'Choose what the job is about' }),
      ...(v.description.trim().length > 2000 ? { description: 'Write at most 2,000 characters' } : {}),
    }),
    onSubmit: async (v, key) => {
      const job = await api.post('/work-orders', { bike_id: Number(v.bike_id), category: v.category, description: v.description.trim() }, { key });
      navigate(`/workshop/orders/${job.id}?opened=1`);
    },
  });
  return html`<${Page} title="Open a work order" caption="Workshop">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      <${RestoredNotice} form=${form} />
      <${ErrorSummary} form=${form} labels=${{ bike_id: 'Bike', category: 'Category', description: 'What is wrong' }} />
      <form onSubmit=${form.submit} novalidate>
        <${SelectField} form=${form} name="bike_id" label="Bike"
          options=${[{ value: '', label: 'Choose a bike' }, ...bikes.map((bike) => ({ value: bike.id, label: `${bike.asset_tag} – ${bike.make} ${bike.model}` }))]} />
        <${SelectField} form=${form} name="category" label="Category" hint="Brakes, battery, tyre and frame are safety jobs: the bike cannot be lent until a technician signs off its safety check."
          options=${[{ value: '', label: 'Choose' }, ...Object.entries(categoryWords).map(([value, label]) => ({ value, label }))]} />
        <${TextArea} form=${form} name="description" label="What is wrong" />
        <${SubmitButton} form=${form}>Open the work order</${SubmitButton}>
      </form>
    </div></div>
  </${Page}>`;
}
