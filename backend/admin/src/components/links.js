// Links to a bike or a person by id, showing their tag or name once known.
import { html } from '../core/html.js';
import { useBike, useStaff } from '../core/names.js';
import { href } from '../core/router.js';

/// `tag` when the caller already has it (loans and work orders carry it), saving the look-up.
export function BikeLink({ id, tag }) {
  const bike = useBike(tag ? null : id);
  if (!id) return '—';
  return html`<a class="app-nowrap" href=${href(`/fleet/${id}`)}>${tag || (bike ? bike.asset_tag : `Bike ${id}`)}</a>`;
}

export function StaffLink({ id, user }) {
  const person = useStaff(user?.role === 'coordinator' ? id : null);
  if (!id) return '—';
  if (user?.role !== 'coordinator') return `Staff ${id}`;
  return html`<a href=${href(`/staff/${id}`)}>${person ? `${person.name} (${person.staff_number})` : `Staff ${id}`}</a>`;
}
