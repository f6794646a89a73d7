// Importing the workforce list from a CSV: first a preview (what would change, and every line that
// cannot be read, with why), then apply, which the server refuses while any line is wrong.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { newKey } from '../core/keys.js';
import { href } from '../core/router.js';
import { Done, Failure } from '../components/notice.js';
import { Page } from '../components/page.js';

const columnWords = {
  staff_number: 'Staff number', name: 'Name', first_name: 'First name', last_name: 'Last name', email: 'Email', pay_band: 'Pay band',
  department: 'Department', site: 'Site', induction_date: 'Induction date', commute_mode: 'Commute mode', commute_km: 'Commute distance',
};

function Changes({ title, rows }) {
  if (!rows?.length) return null;
  return html`<table class="nhsuk-table"><caption class="nhsuk-table__caption nhsuk-table__caption--s">${title} (${rows.length})</caption>
    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col" class="app-numeric">Line</th><th scope="col">Staff number</th><th scope="col">Name</th><th scope="col">What changes</th></tr></thead>
    <tbody class="nhsuk-table__body">${rows.slice(0, 200).map((row) => html`<tr class="nhsuk-table__row" key=${`${row.line}-${row.staff_number}`}>
      <td class="nhsuk-table__cell app-numeric">${row.line}</td><td class="nhsuk-table__cell">${row.staff_number}</td><td class="nhsuk-table__cell">${row.name}</td>
      <td class="nhsuk-table__cell">${(row.changed_fields || []).join(', ') || 'new'}</td></tr>`)}</tbody></table>`;
}

function Report({ report }) {
  const s = report.summary;
  return html`<div>
    <ul class="app-figures">
      ${[['lines read', s.rows], ['new', s.new], ['updated', s.updated], ['unchanged', s.unchanged], ['to mark as left', s.to_deactivate], ['lines with errors', s.errors]].map(([label, value]) =>
        html`<li class="app-figures__item" key=${label}><span class="app-figures__number">${value}</span><span class="app-figures__label">${label}</span></li>`)}
    </ul>
    ${report.errors.length > 0 && html`<table class="nhsuk-table app-import-errors" id="import-errors">
      <caption class="nhsuk-table__caption nhsuk-table__caption--m">Lines that cannot be imported (${report.errors.length})</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th scope="col" class="app-numeric">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead>
      <tbody class="nhsuk-table__body">${report.errors.map((error, index) => html`<tr class="nhsuk-table__row" key=${index}>
        <td class="nhsuk-table__cell app-numeric">${error.line}</td><td class="nhsuk-table__cell">${columnWords[error.field] || error.field || '—'}</td><td class="nhsuk-table__cell">${error.message}</td></tr>`)}</tbody>
    </table>`}
    <${Changes} title="New staff" rows=${report.created} />
    <${Changes} title="Updated staff" rows=${report.updated} />
  </div>`;
}

export function StaffImport() {
  const [file, setFile] = useState(null);
  const [mode, setMode] = useState('update_only');
  const [preview, setPreview] = useState(null);
  const [applied, setApplied] = useState(null);
  const [stage, setStage] = useState('');
  const [error, setError] = useState(null);
  const [applyKey, setApplyKey] = useState('');

  async function read(event) {
    event.preventDefault();
    setError(null);
    setApplied(null);
    setPreview(null);
    if (!file) {
      setError({ message: 'Choose the CSV file to import' });
      return;
    }
    setStage('Reading the file…');
    try {
      const text = await file.text();
      const report = await api.postText('/staff/import/preview', text, 'text/csv', { params: { mode } });
      setPreview({ report, text });
      setApplyKey(newKey());
    } catch (failure) {
      setError(failure);
    } finally {
      setStage('');
    }
  }

  async function apply() {
    setError(null);
    setStage(`Importing ${preview.report.summary.rows} lines…`);
    try {
      setApplied(await api.postText('/staff/import/apply', preview.text, 'text/csv', { params: { mode }, key: applyKey }));
      setPreview(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setStage('');
    }
  }

  const clean = preview && preview.report.errors.length === 0;
  return html`<${Page} title="Import a staff list" caption="Staff">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-full">
      <p class="nhsuk-body">A CSV export from the workforce system, one person per line, with a header line naming the columns (staff number, name, pay band, and any of email, department, site, induction date). Nothing changes until you apply it.</p>
      ${error && html`<${Failure} error=${error} />`}
      <form onSubmit=${read} novalidate>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="import-file">CSV file</label>
          <input class="nhsuk-file-upload app-file" id="import-file" type="file" accept=".csv,text/csv" onChange=${(e) => { setFile(e.currentTarget.files[0] || null); setPreview(null); setApplied(null); }} />
        </div>
        <fieldset class="nhsuk-fieldset nhsuk-form-group"><legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What the file is</legend>
          <div class="nhsuk-radios">
            <div class="nhsuk-radios__item"><input class="nhsuk-radios__input" id="mode-update" type="radio" name="mode" value="update_only" checked=${mode === 'update_only'} onChange=${() => setMode('update_only')} />
              <label class="nhsuk-label nhsuk-radios__label" for="mode-update">Some people: add and update them only</label></div>
            <div class="nhsuk-radios__item"><input class="nhsuk-radios__input" id="mode-full" type="radio" name="mode" value="full_list" checked=${mode === 'full_list'} onChange=${() => setMode('full_list')} />
              <label class="nhsuk-label nhsuk-radios__label" for="mode-full">The whole workforce: anyone missing is marked as left</label></div>
          </div>
        </fieldset>
        <button class="nhsuk-button nhsuk-button--secondary" type="submit" disabled=${!!stage}>Preview the import</button>
      </form>
      <p class="nhsuk-body" role="status" aria-live="polite">${stage}</p>
      ${preview && html`<section aria-labelledby="preview-title"><h2 class="nhsuk-heading-m" id="preview-title">Preview</h2>
        ${!clean && html`<div class="nhsuk-warning-callout"><h3 class="nhsuk-warning-callout__label"><span role="text">Fix the file first</span></h3>
          <p>Nothing can be imported while a line has a problem. Correct the lines listed below in the file, then preview it again.</p></div>`}
        <${Report} report=${preview.report} />
        ${clean && html`<button class="nhsuk-button" type="button" disabled=${!!stage} onClick=${apply}>Apply the import</button>`}
      </section>`}
      ${applied && html`<section aria-labelledby="applied-title"><h2 class="nhsuk-heading-m" id="applied-title">Imported</h2>
        <${Done}>The staff list has been imported: ${applied.summary.new} new, ${applied.summary.updated} updated, ${applied.summary.to_deactivate} marked as left.</${Done}>
        <p class="nhsuk-body"><a href=${href('/staff')}>Back to the staff list</a></p></section>`}
    </div></div>
  </${Page}>`;
}
