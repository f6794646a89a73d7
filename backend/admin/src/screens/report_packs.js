// The monthly report packs: one workbook of a month's activity, equity, fleet-use and distance
// reports, made on the first of the next month and kept as it was made. Its SHA-256 lets whoever
// files it check that the copy they keep is the one the scheme made.
import { html } from '../core/html.js';
import { monthWord } from '../core/report_words.js';
import { moment, number } from '../core/words.js';
import { DataList } from '../components/data_list.js';
import { Page } from '../components/page.js';

function size(bytes) {
  return bytes < 1024 * 1024 ? `${number(Math.ceil(bytes / 1024))} KB` : `${number(Math.round(bytes / 1024 / 102.4) / 10)} MB`;
}

export function ReportPacks() {
  return html`<${Page} title="Monthly report packs" caption="Reports">
    <p class="nhsuk-body">On the first day of each month the scheme makes last month's pack: one Excel workbook of the activity, equity, fleet-use and distance reports, with a Method sheet. Report authors, and coordinators who asked for it, are sent a link to it. A pack is never changed once made: download it again at any time.</p>
    <${DataList} id="packs" path="/reports/packs" caption="Monthly report packs, newest first" defaultSort="-month"
      empty="No pack has been made yet: the first is made on the first day of next month."
      columns=${[
        { key: 'month', label: 'Month', sort: true, render: (pack) => monthWord(pack.month) },
        { key: 'download', label: 'Workbook', render: (pack) => html`<a class="nhsuk-link" href=${`${pack.download}.xlsx`} download>Download XLSX<span class="nhsuk-u-visually-hidden"> of the ${monthWord(pack.month)} pack</span></a>` },
        { key: 'made_at', label: 'Made', sort: true, render: (pack) => moment(pack.made_at) },
        { key: 'size_bytes', label: 'Size', sort: true, numeric: true, render: (pack) => size(pack.size_bytes) },
        { key: 'sha256', label: 'SHA-256', render: (pack) => html`<span class="app-token">${pack.sha256}</span>` },
      ]} />
  </${Page}>`;
}
