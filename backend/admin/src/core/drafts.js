// What a person has typed into a form is kept in this tab's sessionStorage as they type, so a
// session that expires mid-form costs nothing: after signing in again the form comes back filled.
// A draft belongs to the person who typed it (a desk computer is shared), lasts until the form is
// sent or left, and secrets (passwords, PINs) are never kept.
const prefix = 'pedalpower-draft:';
let owner = null;
let keptForSignIn = false;

/// Whose drafts are read from now on: the signed-in user's id, or null while nobody is.
export function setDraftOwner(userId) {
  owner = userId;
  if (userId !== null) keptForSignIn = false;
}

/// The session ended under the forms: what they hold waits for the same person to sign in again.
export function keepDraftsForSignIn() {
  keptForSignIn = true;
}

/// Whether a form being left keeps its draft: only while the person signs in again.
export const draftsKeptForSignIn = () => keptForSignIn;

export function loadDraft(id) {
  try {
    const text = sessionStorage.getItem(prefix + id);
    const draft = text ? JSON.parse(text) : null;
    return draft && draft.owner === owner ? draft.values : null;
  } catch {
    return null;
  }
}

export function saveDraft(id, values, secret = []) {
  const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !secret.includes(name)));
  try {
    sessionStorage.setItem(prefix + id, JSON.stringify({ owner, values: kept }));
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

/// Signing out on purpose leaves nothing typed for the next person at this computer.
export function forgetAllDrafts() {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(prefix)) sessionStorage.removeItem(key);
  } catch {
    // as above
  }
}
