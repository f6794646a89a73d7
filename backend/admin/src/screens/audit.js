// The audit log: who changed what and when, filtered, with before and after side by side.
import { html } from '../core/html.js';
import { moment } from '../core/words.js';
import { DataList } from '../components/data_list.js';
import { Page } from '../components/page.js';

const entities = ['bike', 'staff', 'loan', 'waitlist_entry', 'reservation', 'policy_version', 'device', 'user', 'site', 'kiosk_exception', 'tracker'];

function show(value) {
  if (value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/// The fields that differ between before and after, one row each.
export function Diff({ before, after }) {
  const flat = (state) => (state && typeof state === 'object' && !Array.isArray(state) ? state : state == null ? {} : { value: state });
  const was = flat(before);
  const now = flat(after);
  const names = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((name) => show(was[name]) !== show(now[name]));
  if (!names.length) return html`<span>No field changed</span>`;
  return html`<table class="app-diff"><thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
    <tbody>${names.map((name) => html`<tr key=${name}><th scope="row">${name}</th><td class="app-diff__before">${show(was[name])}</td><td class="app-diff__after">${show(now[name])}</td></tr>`)}</tbody></table>`;
}

export function Audit() {
  return html`<${Page} title="Audit log">
    <${DataList} id="audit" path="/audit" downloads caption="Changes, newest first" empty="No changes match."
      filters=${[
        { name: 'actor', label: 'Who', type: 'text' },
        { name: 'entity', label: 'What', options: entities.map((entity) => ({ value: entity, label: entity.replace('_', ' ') })) },
        { name: 'from', label: 'From (YYYY-MM-DD)', type: 'text' },
        { name: 'to', label: 'To (YYYY-MM-DD)', type: 'text' },
      ]}
      columns=${[
        { key: 'at', label: 'When', sort: true, render: (entry) => moment(entry.at) },
        { key: 'actor', label: 'Who' },
        { key: 'action', label: 'Did' },
        { key: 'entity', label: 'To', render: (entry) => `${entry.entity.replace('_', ' ')} ${entry.entity_id}` },
        { key: 'after', label: 'Before and after', render: (entry) => html`<${Diff} before=${entry.before} after=${entry.after} />` },
      ]} />
  </${Page}>`;
}
