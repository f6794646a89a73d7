// The lists the screen offers (fault categories, return checks, accessory kinds), as the server defines them; the
// agent keeps the last copy for when the server is away.
import { call } from './agent.js';

let lists = { fault_categories: [], return_checks: [], accessory_kinds: [] };

export async function loadChoices() {
  const result = await call('GET', '/local/choices');
  if (result.ok) lists = result.data;
}

export const accessoryKinds = () => lists.accessory_kinds.map((kind) => [kind.code, kind.label]);
export const faultCategories = () => lists.fault_categories.map((category) => [category.code, category.label]);
export const returnChecks = () => (lists.return_checks || []).map((check) => [check.code, check.label]);
