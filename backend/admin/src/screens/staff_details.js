// One member of staff's details, typed by hand: someone who joins between two imports of the staff
// list, or a correction to a record.
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { useChoices, useSites } from '../core/names.js';
import { navigate } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { payBands, payBandWord } from '../core/words.js';
import { ErrorSummary, RestoredNotice, SelectField, SubmitButton, TextField, useForm } from '../components/form.js';
import { Failure, Loading } from '../components/notice.js';
import { Page } from '../components/page.js';

const labels = {
  staff_number: 'Staff number', name: 'Full name', email: 'Work email', pay_band: 'Pay band', department: 'Department',
  home_site_id: 'Home site', induction_date: 'Safety induction done on', commute_mode: 'How they travelled to work before',
  commute_distance_km: 'One-way commute (km)', commute_car_occupancy: 'People in the car',
};

const isCar = (mode) => mode.startsWith('car_');

function check(v) {
  const errors = {};
  for (const name of ['staff_number', 'name', 'pay_band']) if (!v[name].trim()) errors[name] = `Enter the ${labels[name].toLowerCase()}`;
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) errors.email = 'Enter an email address like name@nhs.net';
  if (v.induction_date && !/^\d{4}-\d{2}-\d{2}$/.test(v.induction_date)) errors.induction_date = 'Enter the date as YYYY-MM-DD';
  if (v.commute_distance_km.trim() && !(Number(v.commute_distance_km) >= 0)) errors.commute_distance_km = 'Enter a distance in kilometres, 0 or more';
  if (isCar(v.commute_mode) && v.commute_car_occupancy.trim() && !/^[1-9]$/.test(v.commute_car_occupancy.trim())) {
    errors.commute_car_occupancy = 'Enter how many people shared the car, from 1 to 9';
  }
  return errors;
}

/// The record as typed. A new record leaves out what is empty; a change sends it empty (or null), so
/// what was cleared is cleared.
function body(v, { clearing }) {
  const text = (value) => value.trim() || (clearing ? '' : null);
  const all = {
    staff_number: v.staff_number.trim(), name: v.name.trim(), pay_band: v.pay_band, email: text(v.email),
    department: text(v.department), home_site_id: v.home_site_id ? Number(v.home_site_id) : null,
    induction_date: v.induction_date || null, commute_mode: v.commute_mode || null,
    commute_distance_km: v.commute_distance_km.trim() ? Number(v.commute_distance_km) : null,
    commute_car_occupancy: isCar(v.commute_mode) && v.commute_car_occupancy.trim() ? Number(v.commute_car_occupancy) : null,
  };
  const nullable = clearing ? ['home_site_id', 'induction_date', 'commute_mode', 'commute_distance_km'] : [];
  return Object.fromEntries(Object.entries(all).filter(([name, value]) => value !== null || nullable.includes(name)));
}

const blank = {
  staff_number: '', name: '', email: '', pay_band: '', department: '', home_site_id: '', induction_date: '',
  commute_mode: '', commute_distance_km: '', commute_car_occupancy: '',
};

/// A stored record as the form's text.
function typed(person) {
  const text = (value) => (value === null || value === undefined ? '' : String(value));
  return Object.fromEntries(Object.keys(blank).map((name) => [name, text(person[name])]));
}

function DetailsForm({ person, choices }) {
  const sites = useSites();
  const form = useForm({
    id: person ? `staff-${person.id}-details` : 'staff-new',
    initial: person ? typed(person) : blank,
    validate: check,
    onSubmit: async (v, key) => {
      if (!person) {
        const added = await api.post('/staff', body(v, { clearing: false }), { key });
        navigate(`/staff/${added.id}?added=1`);
        return;
      }
      // Only what was changed here is sent, so a colleague's change to another field stands.
      const was = body(typed(person), { clearing: true });
      const changed = Object.fromEntries(Object.entries(body(v, { clearing: true })).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(was[name])));
      if (Object.keys(changed).length) await api.patch(`/staff/${person.id}`, changed, { key });
      navigate(`/staff/${person.id}${Object.keys(changed).length ? '?changed=1' : ''}`);
    },
  });
  const option = (value, label) => ({ value, label });
  return html`<div class="nhsuk-grid-row"><div class="nhsuk-grid-column-two-thirds">
      ${!person && html`<p class="nhsuk-body">For someone who cannot wait for the next import of the staff list. The import will update them by their staff number.</p>`}
      <${RestoredNotice} form=${form} />
      <${ErrorSummary} form=${form} labels=${labels} />
      <form onSubmit=${form.submit} novalidate>
        <${TextField} form=${form} name="staff_number" label=${labels.staff_number} width="10" />
        <${TextField} form=${form} name="name" label=${labels.name} width="30" autocomplete="off" />
        <${TextField} form=${form} name="email" label=${labels.email} type="email" width="30" hint="For loan reminders. Leave empty if they have none." />
        <${SelectField} form=${form} name="pay_band" label=${labels.pay_band} hint="Lower bands come first on the waiting list."
          options=${[option('', 'Choose a band'), ...payBands.map((band) => option(band, payBandWord(band)))]} />
        <${TextField} form=${form} name="department" label=${labels.department} width="20" />
        <${SelectField} form=${form} name="home_site_id" label=${labels.home_site_id} options=${[option('', 'Not known'), ...sites.map((site) => option(site.id, site.name))]} />
        <${TextField} form=${form} name="induction_date" label=${labels.induction_date} width="10" hint="YYYY-MM-DD. Leave empty until they have done it: nobody borrows a bike before." />
        <${SelectField} form=${form} name="commute_mode" label=${labels.commute_mode} hint="Used to estimate the emissions their rides avoid."
          options=${[option('', 'Not known'), ...choices.commute_modes.map((mode) => option(mode.code, mode.label))]} />
        <${TextField} form=${form} name="commute_distance_km" label=${labels.commute_distance_km} width="5" inputmode="decimal" />
        ${isCar(form.values.commute_mode) && html`<${TextField} form=${form} name="commute_car_occupancy" label=${labels.commute_car_occupancy} hint="Including the driver, from 1 to 9." width="3" inputmode="numeric" />`}
        <${SubmitButton} form=${form}>${person ? 'Save the changes' : 'Add the member of staff'}</${SubmitButton}>
      </form>
    </div></div>`;
}

export function NewPerson() {
  const { data: choices, error } = useChoices();
  return html`<${Page} title="Add a member of staff" caption="Staff">
    ${error ? html`<${Failure} error=${error} />` : choices ? html`<${DetailsForm} choices=${choices} />` : html`<${Loading} />`}
  </${Page}>`;
}

export function EditPerson({ params }) {
  const { data: choices, error: choicesError } = useChoices();
  const { data: person, error: personError, loading } = useApi(() => api.get(`/staff/${params.id}`), [params.id]);
  const error = personError || choicesError;
  if (error) return html`<${Page} title="Change a member of staff's details" caption="Staff"><${Failure} error=${error} /></${Page}>`;
  if ((loading && !person) || !choices) return html`<${Page} title="Change a member of staff's details" caption="Staff"><${Loading} /></${Page}>`;
  return html`<${Page} title=${`Change ${person.name}'s details`} caption="Staff"><${DetailsForm} person=${person} choices=${choices} /></${Page}>`;
}
