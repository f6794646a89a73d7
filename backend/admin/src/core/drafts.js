// What a person has typed into a form is kept in this tab's sessionStorage as they type, so a
// session that expires mid-form costs nothing: after signing in again the form comes back filled.
// Secrets (passwords, PINs) are never kept.
const prefix = 'pedalpower-draft:';

export function loadDraft(id) {
  try {
    const text = sessionStorage.getItem(prefix + id);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function saveDraft(id, values, secret = []) {
  const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !secret.includes(name)));
  try {
    sessionStorage.setItem(prefix + id, JSON.stringify(kept));
  } catch {
    // A full or disabled storage only loses the safety net, never the form itself.
  }
}

export function clearDraft(id) {
  try {
    sessionStorage.removeItem(prefix + id);
  } catch {
    // as above
  }
}
