// Kiosks and telematics gateways (a token shown once, at creation or rotation), and the trackers
// fitted to bikes.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { siteName, useSites } from '../core/names.js';
import { roleWords } from '../core/words.js';
import { ActionButton, ActionError, useAction } from '../components/action.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { BikeLink } from '../components/links.js';
import { Tag } from '../components/notice.js';
import { Page } from '../components/page.js';

function TokenOnce({ shown }) {
  if (!shown) return null;
  return html`<div class="nhsuk-warning-callout" role="status"><h2 class="nhsuk-warning-callout__label"><span role="text">The token for ${shown.name}</span></h2>
    <p>Copy it into the device now: it is shown only this once, and only its fingerprint is kept.</p>
    <p><code class="app-token">${shown.token}</code></p></div>`;
}

function DeviceActions({ device, onToken, onChanged }) {
  const rotate = useAction(async (key) => {
    const issued = await api.post(`/devices/${device.id}/rotate-token`, {}, { key });
    onToken({ name: device.name, token: issued.token });
  });
  const deactivate = useAction(async (key) => {
    await api.patch(`/devices/${device.id}`, { active: false }, { key });
    onChanged();
  });
  if (!device.active) return html`<${Tag} colour="grey">Deactivated</${Tag}>`;
  return html`<div class="app-button-row">
    <${ActionButton} action=${rotate} label=${`New token for ${device.name}`}>New token</${ActionButton}>
    <${ActionButton} action=${deactivate} warning=${true} label=${`Deactivate ${device.name}`}>Deactivate</${ActionButton}>
    <${ActionError} action=${rotate} /><${ActionError} action=${deactivate} />
  </div>`;
}

function NewDevice({ sites, onToken, onCreated }) {
  const form = useForm({
    id: 'device-new',
    initial: { name: '', role: 'kiosk', site_id: '' },
    validate: (v) => ({
      // The name stands in the audit log's actor (device:7:kiosk-basildon), which has no spaces.
      ...(!v.name.trim() ? { name: 'Enter a name for the device' }
        : /^[!-~]{1,64}$/.test(v.name.trim()) ? {} : { name: 'A device name is up to 64 letters, digits and signs such as - without spaces' }),
      ...(v.role !== 'kiosk' || v.site_id ? {} : { site_id: 'A kiosk belongs to a site: choose it' }),
    }),
    onSubmit: async (v, key) => {
      const issued = await api.post('/devices', { name: v.name.trim(), role: v.role, site_id: v.site_id ? Number(v.site_id) : null }, { key });
      onToken({ name: v.name.trim(), token: issued.token });
      form.reset();
      onCreated();
    },
  });
  return html`<form onSubmit=${form.submit} novalidate>
    <${RestoredNotice} form=${form} />
    <${ErrorSummary} form=${form} labels=${{ name: 'Name', role: 'Kind', site_id: 'Site' }} />
    <div class="app-two">
      <${TextField} form=${form} name="name" label="Name" width="20" hint="Without spaces, for example: kiosk-basildon." />
      <${SelectField} form=${form} name="role" label="Kind" options=${[{ value: 'kiosk', label: 'Kiosk' }, { value: 'telematics', label: 'Telematics gateway' }]} />
      <${SelectField} form=${form} name="site_id" label="Site" options=${[{ value: '', label: 'None' }, ...sites.map((s) => ({ value: s.id, label: s.name }))]} />
    </div>
    <${SubmitButton} form=${form} secondary=${true}>Add the device</${SubmitButton}>
  </form>`;
}

export function Devices() {
  const sites = useSites();
  const [shown, setShown] = useState(null);
  const [round, setRound] = useState(0);
  const again = () => setRound((n) => n + 1);
  return html`<${Page} title="Devices and trackers">
    <${TokenOnce} shown=${shown} />
    <h2 class="nhsuk-heading-m">Kiosks and gateways</h2>
    <${DataList} key=${`devices-${round}`} id="devices" path="/devices" downloads caption="Devices" inUrl=${false} empty="No devices yet."
      columns=${[
        { key: 'name', label: 'Name' },
        { key: 'role', label: 'Kind', render: (d) => roleWords[d.role] || d.role },
        { key: 'site_id', label: 'Site', render: (d) => siteName(sites, d.site_id) },
        { key: 'active', label: 'Actions', render: (d) => html`<${DeviceActions} device=${d} onToken=${setShown} onChanged=${again} />` },
      ]} />
    <h3 class="nhsuk-heading-s">Add a kiosk or gateway</h3>
    <${NewDevice} sites=${sites} onToken=${setShown} onCreated=${again} />
    <h2 class="nhsuk-heading-m">Trackers fitted to bikes</h2>
    <${DataList} id="trackers" path="/trackers" downloads caption="Trackers" inUrl=${false} empty="No trackers registered."
      columns=${[
        { key: 'device_id', label: 'Tracker id' },
        { key: 'bike_id', label: 'Bike', render: (t) => (t.bike_id ? html`<${BikeLink} id=${t.bike_id} />` : 'Not fitted') },
        { key: 'note', label: 'Note', render: (t) => t.note || '—' },
        { key: 'active', label: 'Active', render: (t) => (t.active ? 'Yes' : 'No') },
      ]} />
  </${Page}>`;
}
