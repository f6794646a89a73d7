// The scheme's sites: where bikes are kept and kiosks stand. A partner joining the scheme starts here.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { forgetSites } from '../core/names.js';
import { href, navigate } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, RestoredNotice, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done, Failure, Loading } from '../components/notice.js';
import { Page } from '../components/page.js';

const labels = { code: 'Code', name: 'Name', address: 'Address' };

/// Adds a site, or changes one when `site` is given.
function SiteForm({ site, onSaved }) {
  const form = useForm({
    id: site ? `site-${site.id}` : 'site-new',
    initial: site ? { code: site.code, name: site.name, address: site.address } : { code: '', name: '', address: '' },
    validate: (v) => ({
      ...(/^[A-Za-z0-9]{2,10}$/.test(v.code.trim()) ? {} : { code: 'A code is 2 to 10 letters or digits, for example BAS' }),
      ...(v.name.trim() ? {} : { name: 'Enter the name of the site' }),
    }),
    onSubmit: async (v, key) => {
      const typed = { code: v.code.trim().toUpperCase(), name: v.name.trim(), address: v.address.trim() };
      // A change sends only what was changed here, so a colleague's change to another field stands.
      const changed = site && Object.fromEntries(Object.entries(typed).filter(([name, value]) => value !== site[name]));
      const saved = site ? await api.patch(`/sites/${site.id}`, changed, { key }) : await api.post('/sites', typed, { key });
      forgetSites();
      form.reset();
      onSaved(saved);
    },
  });
  return html`<div>
    <${RestoredNotice} form=${form} />
    <${ErrorSummary} form=${form} labels=${labels} />
    <form onSubmit=${form.submit} novalidate>
      <${TextField} form=${form} name="code" label=${labels.code} width="5" hint="2 to 10 letters or digits, shown on kiosks and in lists, for example BAS." />
      <${TextField} form=${form} name="name" label=${labels.name} width="30" />
      <${TextField} form=${form} name="address" label=${labels.address} width="30" hint="Optional." />
      <${SubmitButton} form=${form}>${site ? 'Save the changes' : 'Add the site'}</${SubmitButton}>
    </form>
  </div>`;
}

export function Sites({ query }) {
  const [added, setAdded] = useState(null);
  const changed = query.get('changed');
  return html`<${Page} title="Sites" caption="Fleet">
    ${added && html`<${Done}>${added.name} (${added.code}) is added: bikes, staff and kiosks can now be placed there.</${Done}>`}
    ${!added && changed && html`<${Done}>The changes to ${changed} are saved.</${Done}>`}
    <${DataList} key=${added?.id || 0} id="sites" path="/sites" caption="Sites" defaultSort="code" empty="No site yet."
      columns=${[
        { key: 'code', label: 'Code', sort: true },
        { key: 'name', label: 'Name', sort: true },
        { key: 'address', label: 'Address', render: (site) => site.address || '—' },
        { key: 'change', label: 'Change', render: (site) => html`<a href=${href(`/fleet/sites/${site.id}`)}>Change<span class="nhsuk-u-visually-hidden"> ${site.name}</span></a>` },
      ]} />
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      <h2 class="nhsuk-heading-m">Add a site</h2>
      <${SiteForm} onSaved=${setAdded} />
    </div></div>
  </${Page}>`;
}

export function EditSite({ params }) {
  const { data: site, error, loading } = useApi(() => api.get(`/sites/${params.id}`), [params.id]);
  if (error) return html`<${Page} title="Change a site" caption="Sites"><${Failure} error=${error} /></${Page}>`;
  if (loading && !site) return html`<${Page} title="Change a site" caption="Sites"><${Loading} /></${Page}>`;
  return html`<${Page} title=${`Change ${site.name}`} caption="Sites">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      <p class="nhsuk-body">Its bikes, staff, loans and kiosks stay with it under the new code and name.</p>
      <${SiteForm} site=${site} onSaved=${(saved) => navigate(`/fleet/sites?changed=${encodeURIComponent(saved.name)}`)} />
      <p class="nhsuk-body"><a href=${href('/fleet/sites')}>Leave it as it is</a></p>
    </div></div>
  </${Page}>`;
}
