// Links to a bike or a person by id, showing their tag or name once known.
import { html } from '../core/html.js';
import { useBike, useStaff } from '../core/names.js';
import { href } from '../core/router.js';

export function BikeLink({ id }) {
  const bike = useBike(id);
  if (!id) return '—';
  return html`<a class="app-nowrap" href=${href(`/fleet/${id}`)}>${bike ? bike.asset_tag : `Bike ${id}`}</a>`;
}

export function StaffLink({ id, user }) {
  const person = useStaff(user?.role === 'coordinator' ? id : null);
  if (!id) return '—';
  if (user?.role !== 'coordinator') return `Staff ${id}`;
  return html`<a href=${href(`/staff/${id}`)}>${person ? `${person.name} (${person.staff_number})` : `Staff ${id}`}</a>`;
}
