// The offline banner and the count of actions waiting for a coordinator, refreshed every few seconds.
import { call } from './agent.js';
import { byId } from './view.js';

async function refresh() {
  const result = await call('GET', '/local/status');
  const online = result.ok && result.data.online;
  byId('offline-banner').hidden = online;
  if (!result.ok) return;
  byId('site-name').textContent = result.data.site ? `· ${result.data.site}` : '';
  const exceptions = result.data.exceptions || 0;
  byId('exceptions').hidden = exceptions === 0;
  byId('exceptions').textContent = `${exceptions} action${exceptions === 1 ? '' : 's'} need a coordinator`;
  const pending = result.data.pending || 0;
  byId('pending').hidden = pending === 0;
  byId('pending').textContent = `${pending} waiting to be sent`;
}

export function watchStatus(everyMs = 3000) {
  refresh();
  setInterval(refresh, everyMs);
}
