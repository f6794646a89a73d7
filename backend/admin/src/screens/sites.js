// The scheme's sites: where bikes are kept and kiosks stand. A partner joining the scheme starts here.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { forgetSites } from '../core/names.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, RestoredNotice, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done } from '../components/notice.js';
import { Page } from '../components/page.js';

const labels = { code: 'Code', name: 'Name', address: 'Address' };

function NewSite({ onAdded }) {
  const form = useForm({
    id: 'site-new',
    initial: { code: '', name: '', address: '' },
    validate: (v) => ({
      ...(/^[A-Za-z0-9]{2,10}$/.test(v.code.trim()) ? {} : { code: 'A code is 2 to 10 letters or digits, for example BAS' }),
      ...(v.name.trim() ? {} : { name: 'Enter the name of the site' }),
    }),
    onSubmit: async (v, key) => {
      const site = await api.post('/sites', { code: v.code.trim().toUpperCase(), name: v.name.trim(), address: v.address.trim() }, { key });
      forgetSites();
      form.reset();
      onAdded(site);
    },
  });
  return html`<div>
    <${RestoredNotice} form=${form} />
    <${ErrorSummary} form=${form} labels=${labels} />
    <form onSubmit=${form.submit} novalidate>
      <${TextField} form=${form} name="code" label=${labels.code} width="5" hint="2 to 10 letters or digits, shown on kiosks and in lists, for example BAS." />
      <${TextField} form=${form} name="name" label=${labels.name} width="30" />
      <${TextField} form=${form} name="address" label=${labels.address} width="30" hint="Optional." />
      <${SubmitButton} form=${form}>Add the site</${SubmitButton}>
    </form>
  </div>`;
}

export function Sites() {
  const [added, setAdded] = useState(null);
  return html`<${Page} title="Sites" caption="Fleet">
    ${added && html`<${Done}>${added.name} (${added.code}) is added: bikes, staff and kiosks can now be placed there.</${Done}>`}
    <${DataList} key=${added?.id || 0} id="sites" path="/sites" caption="Sites" defaultSort="code" empty="No site yet."
      columns=${[
        { key: 'code', label: 'Code', sort: true },
        { key: 'name', label: 'Name', sort: true },
        { key: 'address', label: 'Address', render: (site) => site.address || '—' },
      ]} />
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      <h2 class="nhsuk-heading-m">Add a site</h2>
      <${NewSite} onAdded=${setAdded} />
    </div></div>
  </${Page}>`;
}
