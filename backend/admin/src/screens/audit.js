// The audit log: who changed what and when, filtered, with before and after side by side.
import { codeWords } from '../core/code_words.js';
import { html } from '../core/html.js';
import { siteName, useChoices, useSites } from '../core/names.js';
import { href } from '../core/router.js';
import {
  bikeStatusWord, day, kilometres, loanStatusWord, moment, payBandWord, reservationStatusWord, roleWords, waitlistStatusWord,
} from '../core/words.js';
import {
  actorWord, categoryWords, duration, messageKindWord, messageStatusWord, pounds, serviceKindWord, workOrderStatusWord,
} from '../core/workshop_words.js';
import { DataList } from '../components/data_list.js';
import { BikeLink } from '../components/links.js';
import { Page } from '../components/page.js';

const { codes: entities, word: entityWord } = codeWords({
  bike: 'Bike', site: 'Site', staff: 'Staff member', staff_import: 'Staff import', loan: 'Loan',
  waitlist_entry: 'Waiting list place', reservation: 'Reservation', policy_version: 'Policy version',
  fault_report: 'Fault report', work_order: 'Work order', work_order_labour: 'Work order labour',
  work_order_part: 'Work order part', service_record: 'Service', service_schedule: 'Service schedule',
  component: 'Component', campaign: 'Campaign', tracker: 'Tracker', kiosk_exception: 'Kiosk exception',
  outbox: 'Email', report_pack: 'Report pack', device: 'Device', user: 'User', database: 'Database',
});

/// A code as words: "report_pack.made" reads "Report pack made", "session_expires_at" "Session expires at".
function words(code) {
  const text = String(code).replace(/[._]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/// A field's name in words, without the unit or id its value is now shown in place of.
const fieldLabel = (name) => words(name.replace(/_pence$/, '').replace(/(odometer|distance)_m$/, '$1').replace(/(^|_)site_id$/, '$1site'));

// The log keeps times as the entity held them: Unix seconds in some, ISO text in others, and
// calendar days (an induction date, a policy's first day) as YYYY-MM-DD.
function time(name, value) {
  if (/(_date|^effective_from)$/.test(name) && typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value)) return day(value);
  if (name !== 'at' && !/(_at|_until)$/.test(name)) return null;
  if (typeof value === 'number' && value > 1e9) return moment(new Date(value * 1000).toISOString());
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return moment(value);
  return null;
}

// What a status or a kind means depends on the record it belongs to.
const statusWords = {
  bike: bikeStatusWord, loan: loanStatusWord, work_order: workOrderStatusWord, outbox: messageStatusWord,
  waitlist_entry: waitlistStatusWord, reservation: reservationStatusWord,
};
const kindWords = { service_record: serviceKindWord, service_schedule: serviceKindWord, outbox: messageKindWord };

/// A field's code, site or measure in the words the other screens use, or undefined where it has none.
/// `record` is the entity the entry is about, and the sites and choices to name.
function fieldWord({ entity, sites, choices }, name, value) {
  if (name === 'commute_mode') return choices?.commute_modes.find((mode) => mode.code === value)?.label;
  if (['status', 'from_status', 'to_status', 'next_statuses'].includes(name)) return statusWords[entity]?.(value);
  if (name === 'kind') return kindWords[entity]?.(value);
  if (name === 'category') return categoryWords[value];
  if (name === 'role') return roleWords[value];
  if (name === 'pay_band') return payBandWord(value);
  if (name === 'actor' || name.endsWith('_by')) return actorWord(value);
  if (/(^|_)site_id$/.test(name) && typeof value === 'number') return siteName(sites, value);
  if (typeof value !== 'number') return undefined;
  if (name.endsWith('_pence')) return pounds(value);
  if (name === 'minutes') return duration(value);
  if (/(odometer|distance)_m$/.test(name)) return kilometres(value);
  return undefined;
}

/// A recorded value as text: times, codes, measures and yes/no in words, an object's fields named,
/// a list one a line.
function show(record, name, value) {
  if (value === undefined || value === null || value === '') return '—';
  const when = time(name, value);
  if (when) return when;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((item) => show(record, name, item)).join('\n') || '—';
  if (typeof value === 'object') return Object.entries(value).map(([key, inner]) => `${fieldLabel(key)}: ${show(record, key, inner)}`).join(', ') || '—';
  return fieldWord(record, name, value) ?? String(value);
}

/// The fields that differ between before and after, one row each.
function Diff({ record, before, after }) {
  const flat = (state) => (state && typeof state === 'object' && !Array.isArray(state) ? state : state == null ? {} : { value: state });
  const was = flat(before);
  const now = flat(after);
  // The record's own id is in the "To" column already.
  const names = [...new Set([...Object.keys(was), ...Object.keys(now)])]
    .filter((name) => name !== 'id' && show(record, name, was[name]) !== show(record, name, now[name]));
  if (!names.length) return html`<span>No field changed</span>`;
  return html`<table class="app-diff"><thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
    <tbody>${names.map((name) => html`<tr key=${name}><th scope="row">${fieldLabel(name)}</th><td class="app-diff__before">${show(record, name, was[name])}</td><td class="app-diff__after">${show(record, name, now[name])}</td></tr>`)}</tbody></table>`;
}

// The screens a record has its own page on, so an entry leads to what it changed.
const recordPages = {
  staff: (id) => `/staff/${id}`, loan: (id) => `/loans/${id}`, work_order: (id) => `/workshop/orders/${id}`,
  site: (id) => `/fleet/sites/${id}`, user: (id) => `/users/${id}`, campaign: (id) => `/campaigns/${id}`,
  outbox: (id) => `/outbox/${id}`, policy_version: (id) => `/policy?version=${id}`,
};

function RecordLink({ entry }) {
  if (entry.entity === 'bike') return html`<${BikeLink} id=${Number(entry.entity_id)} />`;
  const page = /^\d+$/.test(entry.entity_id) && recordPages[entry.entity];
  return page ? html`<a href=${href(page(entry.entity_id))}>${entry.entity_id}</a>` : entry.entity_id;
}

export function Audit() {
  const sites = useSites();
  const { data: choices } = useChoices();
  return html`<${Page} title="Audit log">
    <${DataList} id="audit" path="/audit" downloads caption="Changes, newest first" empty="No changes match."
      filters=${[
        { name: 'actor', label: 'Who', type: 'text' },
        { name: 'entity', label: 'What', options: entities.map((entity) => ({ value: entity, label: entityWord(entity) })) },
        { name: 'entity_id', label: 'Record number', type: 'text' },
        { name: 'record', label: 'Asset tag or staff number', type: 'text' },
        { name: 'from', label: 'From (YYYY-MM-DD)', type: 'text' },
        { name: 'to', label: 'To (YYYY-MM-DD)', type: 'text' },
      ]}
      columns=${[
        { key: 'at', label: 'When', sort: true, render: (entry) => moment(entry.at) },
        { key: 'actor', label: 'Who', render: (entry) => actorWord(entry.actor) },
        { key: 'action', label: 'Did', render: (entry) => words(entry.action) },
        { key: 'entity', label: 'To', render: (entry) => html`${entityWord(entry.entity)} <${RecordLink} entry=${entry} />` },
        { key: 'after', label: 'Before and after', render: (entry) => html`<${Diff} record=${{ entity: entry.entity, sites, choices }} before=${entry.before} after=${entry.after} />` },
      ]} />
  </${Page}>`;
}
