// The bikes: a list to search and filter, adding a bike, and a bike's own page.
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { bikesOnce, forgetBikes, siteName, useSites } from '../core/names.js';
import { useApi } from '../core/use_api.js';
import { href, navigate } from '../core/router.js';
import { bikeStatusColour, bikeStatusWord, bikeStatuses, kilometres } from '../core/words.js';
import { DataList } from '../components/data_list.js';
import { ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { Tag } from '../components/notice.js';
import { Page } from '../components/page.js';

export function BikeStatus({ status }) {
  return html`<${Tag} colour=${bikeStatusColour(status)}>${bikeStatusWord(status)}</${Tag}>`;
}

export function Bikes({ user }) {
  const sites = useSites();
  const { data: everyBike } = useApi(bikesOnce);
  const makes = [...new Set((everyBike || []).map((bike) => bike.make))].sort();
  return html`<${Page} title="Fleet" actions=${user.role === 'coordinator' && html`<a class="nhsuk-button nhsuk-button--small nhsuk-button--secondary" href=${href('/fleet/sites')}>Sites</a> <a class="nhsuk-button nhsuk-button--small" href=${href('/fleet/new')}>Add a bike</a>`}>
    <${DataList} id="bikes" path="/bikes" downloads caption="Bikes" search="Search by asset tag, frame or battery serial" empty="No bike matches."
      filters=${[
        { name: 'site_id', label: 'Site', options: sites.map((site) => ({ value: site.id, label: site.name })) },
        { name: 'status', label: 'Status', options: bikeStatuses.map((status) => ({ value: status, label: bikeStatusWord(status) })) },
        { name: 'make', label: 'Make', options: makes.map((make) => ({ value: make, label: make })) },
      ]}
      columns=${[
        { key: 'asset_tag', label: 'Asset tag', sort: true, render: (bike) => html`<a class="app-nowrap" href=${href(`/fleet/${bike.id}`)}>${bike.asset_tag}</a>` },
        { key: 'make', label: 'Make and model', sort: 'make', render: (bike) => `${bike.make} ${bike.model}` },
        { key: 'site_id', label: 'Site', sort: true, render: (bike) => siteName(sites, bike.site_id) },
        { key: 'status', label: 'Status', sort: true, render: (bike) => html`<${BikeStatus} status=${bike.status} />` },
        { key: 'odometer_m', label: 'Odometer', sort: true, numeric: true, render: (bike) => kilometres(bike.odometer_m) },
        { key: 'frame_number', label: 'Frame number', sort: true },
      ]} />
  </${Page}>`;
}

const bikeLabels = { asset_tag: 'Asset tag', frame_number: 'Frame number', make: 'Make', model: 'Model', battery_serial: 'Battery serial', site_id: 'Site', odometer_m: 'Odometer reading (metres)' };

export function NewBike() {
  const sites = useSites();
  const form = useForm({
    id: 'bike-new',
    initial: { asset_tag: '', frame_number: '', make: '', model: '', battery_serial: '', site_id: '', odometer_m: '0' },
    validate: (v) => {
      const errors = {};
      for (const name of ['asset_tag', 'frame_number', 'make', 'model']) if (!v[name].trim()) errors[name] = `Enter the ${bikeLabels[name].toLowerCase()}`;
      if (v.asset_tag.trim() && !/^[A-Za-z]{2,5}-\d{3,6}$/.test(v.asset_tag.trim())) errors.asset_tag = 'An asset tag is 2 to 5 letters, a hyphen and 3 to 6 digits, for example EB-0042';
      if (!v.site_id) errors.site_id = 'Choose the site the bike is kept at';
      if (!/^\d+$/.test(String(v.odometer_m).trim())) errors.odometer_m = 'Enter the reading as a whole number of metres, 0 or more';
      return errors;
    },
    onSubmit: async (v, key) => {
      const bike = await api.post('/bikes', {
        asset_tag: v.asset_tag.trim(), frame_number: v.frame_number.trim(), make: v.make.trim(), model: v.model.trim(),
        battery_serial: v.battery_serial.trim() || null, site_id: Number(v.site_id), odometer_m: Number(v.odometer_m),
      }, { key });
      forgetBikes();
      navigate(`/fleet/${bike.id}?added=1`);
    },
  });
  return html`<${Page} title="Add a bike" caption="Fleet">
    <div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      <${RestoredNotice} form=${form} />
      <${ErrorSummary} form=${form} labels=${bikeLabels} />
      <form onSubmit=${form.submit} novalidate>
        <${TextField} form=${form} name="asset_tag" label=${bikeLabels.asset_tag} width="10" hint="The tag on the frame, for example EB-0042." />
        <${TextField} form=${form} name="frame_number" label=${bikeLabels.frame_number} width="20" />
        <${TextField} form=${form} name="make" label=${bikeLabels.make} width="20" />
        <${TextField} form=${form} name="model" label=${bikeLabels.model} width="20" />
        <${TextField} form=${form} name="battery_serial" label=${bikeLabels.battery_serial} width="20" hint="Leave empty if it has none yet." />
        <${SelectField} form=${form} name="site_id" label=${bikeLabels.site_id} options=${[{ value: '', label: 'Choose a site' }, ...sites.map((site) => ({ value: site.id, label: site.name }))]} />
        <${TextField} form=${form} name="odometer_m" label=${bikeLabels.odometer_m} width="10" inputmode="numeric" />
        <${SubmitButton} form=${form}>Add the bike</${SubmitButton}>
      </form>
    </div></div>
  </${Page}>`;
}
