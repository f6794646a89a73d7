// A report's Method section as the page shows it: how the figures were made, in the report's own
// words (the same lines as the workbook's Method sheet). The DESNZ rows behind each factor set are
// many and technical, so they are folded away under their own heading.
import { html } from '../core/html.js';
import { moment } from '../core/words.js';
import { Summary } from './page.js';

const isFactorRow = (line) => / row [^ ]+$/.test(line.label);

function value(line) {
  return line.label === 'Made at' ? moment(line.value) : line.value;
}

/// `lines` are the report's [{label, value}].
export function ReportMethod({ id, lines }) {
  const rows = lines.filter((line) => !isFactorRow(line));
  const factorRows = lines.filter(isFactorRow);
  return html`<section aria-labelledby=${`${id}-title`} class="app-report-method">
    <h2 class="nhsuk-heading-m" id=${`${id}-title`}>Method</h2>
    <${Summary} rows=${rows.map((line) => [line.label, value(line)])} />
    ${factorRows.length > 0 && html`<details class="nhsuk-details">
      <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">The ${factorRows.length} emission factor rows used (DESNZ flat file)</span></summary>
      <div class="nhsuk-details__text">
        <${Summary} rows=${factorRows.map((line) => [line.label, line.value])} />
      </div>
    </details>`}
  </section>`;
}
