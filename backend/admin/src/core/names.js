// Names for the ids that answers carry (a loan names its staff_id, bike_id and site_id): read once,
// kept for the session, shared by every screen.
import { useEffect, useState } from 'preact/hooks';
import { api, listAll } from './api.js';
import { useApi } from './use_api.js';

const cache = new Map();

function once(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((error) => { cache.delete(key); throw error; }));
  return cache.get(key);
}

export const sitesOnce = () => once('sites', () => listAll('/sites'));
export const bikesOnce = () => once('bikes', () => listAll('/bikes'));
export const staffOnce = (id) => once(`staff:${id}`, () => api.get(`/staff/${id}`));
/// The lists the API offers to choose from: fault categories, accessory kinds, commute modes.
export const choicesOnce = () => once('choices', () => api.get('/choices'));

/// After a change to bikes, the next read sees it.
export function forgetBikes() {
  cache.delete('bikes');
}

export function forgetSites() {
  cache.delete('sites');
}

function useOnce(load, empty) {
  const [value, setValue] = useState(empty);
  useEffect(() => {
    let live = true;
    load().then((found) => live && setValue(found), () => {});
    return () => { live = false; };
  }, []);
  return value;
}

export const useSites = () => useOnce(sitesOnce, []);
/// { data, error, loading } of the choices, read once for the session.
export const useChoices = () => useApi(choicesOnce, []);

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
