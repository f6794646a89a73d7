// A staff member's privacy zone: a circle around their home inside which the ends of their trips are
// hidden in what is shown or exported. Set, moved or removed by a coordinator at the rider's request.
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { useApi } from '../core/use_api.js';
import { ActionError, ConfirmedButton, useAction } from '../components/action.js';
import { ErrorSummary, SubmitButton, TextField, useForm } from '../components/form.js';
import { Done, Failure, Loading, useSaid } from '../components/notice.js';

// The range the server accepts: smaller circles are easy to see through, larger ones hide most of a commute.
const smallest = 400;
const largest = 1600;
const labels = { lat: 'Latitude', lon: 'Longitude', radius_m: 'Radius in metres' };

function inRange(text, low, high) {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= low && value <= high;
}

function check(v) {
  const errors = {};
  if (!inRange(v.lat, -90, 90)) errors.lat = 'Enter a latitude from -90 to 90, such as 51.5688';
  if (!inRange(v.lon, -180, 180)) errors.lon = 'Enter a longitude from -180 to 180, such as 0.4563';
  if (!/^\d+$/.test(v.radius_m.trim()) || !inRange(v.radius_m, smallest, largest)) errors.radius_m = `Enter a whole number of metres from ${smallest} to ${largest}`;
  return errors;
}

function ZoneForm({ person, zone, onSaved }) {
  const form = useForm({
    id: `privacy-zone-${person.id}`,
    initial: { lat: zone ? String(zone.lat) : '', lon: zone ? String(zone.lon) : '', radius_m: String(zone ? zone.radius_m : 800) },
    validate: check,
    onSubmit: async (v, key) => {
      const saved = await api.put(`/staff/${person.id}/privacy-zone`, { lat: Number(v.lat), lon: Number(v.lon), radius_m: Number(v.radius_m) }, { key });
      onSaved(`${person.name}'s privacy zone is ${zone ? 'changed' : 'set'}: trips' ends within ${saved.radius_m} m of that point are hidden.`);
    },
  });
  return html`<form onSubmit=${form.submit} novalidate>
    <${ErrorSummary} form=${form} labels=${labels} />
    <p class="nhsuk-body">The centre is the point they asked to hide, usually their home, in decimal degrees as a map app gives it.</p>
    <div class="app-two">
      <${TextField} form=${form} name="lat" label=${labels.lat} width="10" inputmode="decimal" />
      <${TextField} form=${form} name="lon" label=${labels.lon} width="10" inputmode="decimal" />
    </div>
    <${TextField} form=${form} name="radius_m" label=${labels.radius_m} hint=${`From ${smallest} to ${largest}. A larger circle hides more of each trip's start and end.`} width="5" inputmode="numeric" />
    <${SubmitButton} form=${form} secondary=${true}>${zone ? 'Change the privacy zone' : 'Set a privacy zone'}</${SubmitButton}>
  </form>`;
}

export function PrivacyZone({ person }) {
  const [said, say, round] = useSaid();
  const { data: zone, error, loading, reload } = useApi(() => api.get(`/staff/${person.id}/privacy-zone`).catch((failure) => {
    if (failure.status === 404 && failure.code === 'privacy_zone_not_set') return null;
    throw failure;
  }), [person.id]);
  const changed = (message) => {
    say(message);
    reload();
  };
  const remove = useAction(async (key) => {
    await api.delete(`/staff/${person.id}/privacy-zone`, { key });
    changed(`${person.name}'s privacy zone is removed: their trips are shown whole again.`);
  });
  // A reload after a change keeps what was shown until the answer comes, so only the first read waits.
  if (loading && zone === null && !said) return html`<${Loading} />`;
  if (error) return html`<${Failure} error=${error} />`;
  return html`<div>
    ${said && html`<${Done} round=${round}>${said}</${Done}>`}
    <p class="nhsuk-body">${zone ? `Trips' ends within ${zone.radius_m} m of their home point are hidden in what is shown or exported; the distance counted stays whole.` : 'No privacy zone set: trips are shown whole.'}</p>
    ${zone && html`<${ConfirmedButton} action=${remove} confirm="Yes, remove it"
        question=${`Remove ${person.name}'s privacy zone? The starts and ends of their trips are shown again.`}>Remove the privacy zone</${ConfirmedButton}>
      <${ActionError} action=${remove} />`}
    <${ZoneForm} key=${zone ? `${zone.lat},${zone.lon},${zone.radius_m}` : 'none'} person=${person} zone=${zone} onSaved=${changed} />
  </div>`;
}
