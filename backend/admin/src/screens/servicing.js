// Servicing: what is due by kilometres, days or charge cycles across the fleet, the schedules that
// say when, and the batteries and chargers that move between bikes.
import { html } from '../core/html.js';
import { siteName, useSites } from '../core/names.js';
import { href } from '../core/router.js';
import { day, number } from '../core/words.js';
import { serviceKindWord, serviceKinds, serviceLeft } from '../core/workshop_words.js';
import { DataList } from '../components/data_list.js';
import { BikeLink } from '../components/links.js';
import { Page, Tabs } from '../components/page.js';
import { ServiceState } from './workshop.js';

function ServicingTabs({ current }) {
  return html`<${Tabs} label="Servicing" current=${current} tabs=${[
    { id: 'due', label: 'Due', href: href('/servicing') },
    { id: 'schedules', label: 'Schedules', href: href('/servicing/schedules') },
    { id: 'components', label: 'Batteries and chargers', href: href('/servicing/components') },
  ]} />`;
}

/// "every 1,000 km or 91 days", as a schedule counts.
function every(interval) {
  const parts = [];
  if (interval.every_km) parts.push(`${number(interval.every_km)} km`);
  if (interval.every_days) parts.push(`${number(interval.every_days)} days`);
  if (interval.every_cycles) parts.push(`${number(interval.every_cycles)} charge cycles`);
  return parts.length ? `Every ${parts.join(' or ')}` : '—';
}

function soonWindow(interval) {
  const parts = [];
  if (interval.due_soon_km) parts.push(`${number(interval.due_soon_km)} km`);
  if (interval.due_soon_days) parts.push(`${number(interval.due_soon_days)} days`);
  if (interval.due_soon_cycles) parts.push(`${number(interval.due_soon_cycles)} cycles`);
  return parts.length ? `${parts.join(' or ')} before` : 'None';
}

export function ServicesDue() {
  const sites = useSites();
  return html`<${Page} title="Servicing due" caption="Servicing">
    <${ServicingTabs} current="due" />
    <p class="nhsuk-body">Services due, or due soon, on bikes still in the fleet, by kilometres ridden, days passed or a battery's charge cycles, whichever comes first. Record a service on the bike's page; it starts the count again.</p>
    <${DataList} id="services-due" path="/maintenance/queue" fixed=${{ type: 'service' }} caption="Services due, most urgent first" empty="No service is due: every bike is within its schedules."
      filters=${[{ name: 'site_id', label: 'Site', options: sites.map((site) => ({ value: site.id, label: site.name })) }]}
      columns=${[
        { key: 'bike', label: 'Bike', render: (item) => html`<${BikeLink} id=${item.service.bike_id} />` },
        { key: 'kind', label: 'Service', render: (item) => serviceKindWord(item.service.kind) },
        { key: 'state', label: 'State', render: (item) => html`<${ServiceState} state=${item.service.state} />` },
        { key: 'left', label: 'When due', render: (item) => serviceLeft(item.service) },
        { key: 'km_since', label: 'Since last', render: (item) => `${number(item.service.km_since)} km, ${number(item.service.days_since)} days${item.service.cycles_since != null ? `, ${item.service.cycles_since} cycles` : ''}` },
        { key: 'last', label: 'Last done', render: (item) => (item.service.last_done_at ? day(item.service.last_done_at) : 'Never') },
        { key: 'site', label: 'Site', render: (item) => siteName(sites, item.service.site_id) },
      ]} />
  </${Page}>`;
}

export function Schedules() {
  return html`<${Page} title="Service schedules" caption="Servicing">
    <${ServicingTabs} current="schedules" />
    <p class="nhsuk-body">A schedule for one bike beats one for its model, which beats the fleet default. Each service falls due when any of its counts is reached, and is due soon inside its window.</p>
    <${DataList} id="schedules" path="/service-schedules" caption="Service schedules" defaultSort="id" empty="No schedule matches."
      filters=${[{ name: 'kind', label: 'Service', options: serviceKinds.map((kind) => ({ value: kind, label: serviceKindWord(kind) })) }]}
      columns=${[
        { key: 'kind', label: 'Service', sort: true, render: (s) => serviceKindWord(s.kind) },
        { key: 'scope', label: 'Applies to', sort: true, render: (s) => (s.bike_id ? html`<${BikeLink} id=${s.bike_id} />` : s.model ? `Every ${s.model}` : 'The whole fleet (default)') },
        { key: 'every', label: 'Interval', render: every },
        { key: 'window', label: 'Due soon', render: soonWindow },
        { key: 'updated_at', label: 'Changed', sort: true, render: (s) => (s.updated_at ? day(s.updated_at) : 'As shipped') },
      ]} />
  </${Page}>`;
}

export function Components() {
  return html`<${Page} title="Batteries and chargers" caption="Servicing">
    <${ServicingTabs} current="components" />
    <${DataList} id="components" path="/components" caption="Batteries and chargers" search="Search by serial" empty="No battery or charger matches."
      filters=${[
        { name: 'kind', label: 'Kind', options: [{ value: 'battery', label: 'Batteries' }, { value: 'charger', label: 'Chargers' }] },
      ]}
      columns=${[
        { key: 'serial', label: 'Serial', sort: true, render: (c) => html`<span class="app-nowrap">${c.serial}</span>` },
        { key: 'kind', label: 'Kind', sort: true, render: (c) => (c.kind === 'battery' ? 'Battery' : 'Charger') },
        { key: 'model', label: 'Model', render: (c) => c.model || '—' },
        { key: 'bike_id', label: 'Fitted to', render: (c) => (c.bike_id ? html`<${BikeLink} id=${c.bike_id} />` : 'Not fitted') },
        { key: 'cycle_count', label: 'Charge cycles', sort: true, numeric: true, render: (c) => (c.cycle_count == null ? '—' : number(c.cycle_count)) },
        { key: 'health_pct', label: 'Health', sort: true, numeric: true, render: (c) => (c.health_pct == null ? '—' : `${c.health_pct}%`) },
        { key: 'in_service_at', label: 'In service since', render: (c) => day(c.in_service_at) },
      ]} />
  </${Page}>`;
}
