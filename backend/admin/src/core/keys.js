// One Idempotency-Key per person's action: the same action sent twice (a double click, a retry
// after a dropped answer) carries the same key, so the server does it once.
export function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
