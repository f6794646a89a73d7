// Names for the ids that answers carry (a loan names its staff_id, bike_id and site_id): read once,
// kept for the session, shared by every screen.
import { useEffect, useState } from 'preact/hooks';
import { api, listAll } from './api.js';

const cache = new Map();

function once(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((error) => { cache.delete(key); throw error; }));
  return cache.get(key);
}

export const sitesOnce = () => once('sites', () => listAll('/sites'));
export const bikesOnce = () => once('bikes', () => listAll('/bikes'));
export const staffOnce = (id) => once(`staff:${id}`, () => api.get(`/staff/${id}`));

/// After a change to bikes, the next read sees it.
export function forgetBikes() {
  cache.delete('bikes');
}

export function useSites() {
  const [sites, setSites] = useState([]);
  useEffect(() => {
    let live = true;
    sitesOnce().then((found) => live && setSites(found), () => {});
    return () => { live = false; };
  }, []);
  return sites;
}

export function siteName(sites, id) {
  return sites.find((site) => site.id === id)?.name || (id ? `Site ${id}` : '—');
}

function useLookup(load, id) {
  const [value, setValue] = useState(null);
  useEffect(() => {
    let live = true;
    if (id) load(id).then((found) => live && setValue(found), () => {});
    return () => { live = false; };
  }, [id]);
  return value;
}

export const useBike = (id) => useLookup(async (bikeId) => (await bikesOnce()).find((bike) => bike.id === bikeId), id);
export const useStaff = (id) => useLookup(staffOnce, id);
