// The waiting list of one site: order, tier, and reservations held with when they expire.
import { html } from '../core/html.js';
import { useSites } from '../core/names.js';
import { href, withQuery } from '../core/router.js';
import { day, moment, tierWord } from '../core/words.js';
import { DataList } from '../components/data_list.js';
import { BikeLink, StaffLink } from '../components/links.js';
import { Page, Tabs } from '../components/page.js';

export function Waitlist({ query, user }) {
  const sites = useSites();
  const siteId = query.get('site_id') || (sites[0] && String(sites[0].id));
  return html`<${Page} title="Waiting list">
    <${Tabs} label="Site" current=${siteId} tabs=${sites.map((site) => ({ id: String(site.id), label: site.name, href: href(withQuery({ site_id: site.id, page: '' }, new URLSearchParams())) }))} />
    ${siteId && html`<${DataList} key=${siteId} id="waitlist" path="/waitlist" downloads fixed=${{ site_id: siteId }} caption="People waiting, in order" empty="Nobody is waiting at this site."
      columns=${[
        { key: 'position', label: 'Place', numeric: true, render: (entry) => entry.position ?? (entry.status === 'offered' ? 'Bike held' : '—') },
        { key: 'staff_id', label: 'Person', render: (entry) => html`<${StaffLink} id=${entry.staff_id} user=${user} />` },
        { key: 'priority_tier', label: 'Priority', render: (entry) => tierWord(entry.priority_tier) },
        { key: 'joined_at', label: 'Waiting since', render: (entry) => day(entry.joined_at) },
        { key: 'offer', label: 'Bike held', render: (entry) => (entry.offer ? html`<${BikeLink} id=${entry.offer.bike_id} /> until ${moment(entry.offer.expires_at)}` : 'None yet') },
      ]} />`}
  </${Page}>`;
}
