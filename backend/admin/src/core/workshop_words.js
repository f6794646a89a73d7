// The words the workshop and outbox screens show for the API's maintenance and message codes.
import { codeWords } from './code_words.js';
import { number } from './words.js';

export const { codes: workOrderStatuses, word: workOrderStatusWord, colour: workOrderStatusColour } = codeWords(
  {
    open: 'Open',
    in_progress: 'In progress',
    awaiting_parts: 'Awaiting parts',
    ready_for_check: 'Ready for check',
    closed: 'Closed (fixed)',
    written_off: 'Written off',
  },
  { open: 'red', in_progress: 'blue', awaiting_parts: 'yellow', ready_for_check: 'purple', closed: 'green', written_off: 'grey' },
);

export const categoryWords = {
  brakes: 'Brakes', battery: 'Battery', tyre: 'Tyre', lights: 'Lights', frame: 'Frame', gears: 'Gears',
  other: 'Other', service: 'Service', inspection: 'Inspection',
};

export const { codes: serviceKinds, word: serviceKindWord } = codeWords({
  safety_check: 'Safety check', full_service: 'Full service', charger_pat: 'Charger PAT test', battery_check: 'Battery check',
});

export const { word: serviceStateWord, colour: serviceStateColour } = codeWords(
  { ok: 'Not due', due_soon: 'Due soon', due: 'Due' },
  { ok: 'green', due_soon: 'yellow', due: 'red' },
);

/// What is left before a service falls due ("120 km or 9 days left"), "Due today" (or "Due now"
/// for a distance or charge count) when a measure has just been reached, or, once overdue, the
/// measures that made it so ("26 days past due").
export function serviceLeft(due) {
  const measures = [['km_left', 'km', 'km'], ['days_left', 'day', 'days'], ['cycles_left', 'charge cycle', 'charge cycles']]
    .filter(([name]) => due[name] !== null && due[name] !== undefined)
    .map(([name, one, many]) => [Math.round(due[name]), one, many]);
  const counted = (count, one, many) => `${number(count)} ${count === 1 ? one : many}`;
  const past = measures.filter(([left]) => left < 0);
  if (past.length) return `${past.map(([left, one, many]) => counted(-left, one, many)).join(' and ')} past due`;
  const reached = measures.filter(([left]) => left === 0);
  if (reached.length) return reached.some(([, one]) => one === 'day') ? 'Due today' : 'Due now';
  return measures.length ? `${measures.map(([left, one, many]) => counted(left, one, many)).join(' or ')} left` : '—';
}

export const { codes: messageKinds, word: messageKindWord } = codeWords({
  reservation_offered: 'Bike held for someone',
  loan_due: 'Loan due reminder',
  loan_overdue: 'Loan overdue',
  overdue_digest: 'Overdue digest',
  safety_fault: 'Safety fault',
  service_due_soon: 'Servicing due soon',
  service_overdue: 'Servicing overdue',
  kiosk_exception: 'Kiosk exception',
  sign_in_throttled: 'Sign-ins slowed or locked',
  report_pack_ready: 'Report pack ready',
});

export const { codes: messageStatuses, word: messageStatusWord, colour: messageStatusColour } = codeWords(
  { pending: 'Waiting to send', sent: 'Sent', failed: 'Failed', withdrawn: 'Withdrawn' },
  { pending: 'blue', sent: 'green', failed: 'red', withdrawn: 'grey' },
);

/// Pence as pounds: 1250 -> "£12.50".
export function pounds(pence) {
  if (pence === null || pence === undefined) return '—';
  return `£${(pence / 100).toFixed(2)}`;
}

/// Minutes as "1 h 25 min".
export function duration(minutes) {
  if (!minutes) return '0 min';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ');
}

const proofWords = { pin: 'by PIN', badge: 'by badge' };

/// Who did something, from the audit's actor label: "user:4:dana" -> "dana"; a kiosk acting for
/// someone, "device:2:kiosk-bas/staff:S123/pin" -> "kiosk-bas for staff S123, by PIN"; a job of the
/// server's own, "system:report-packs" -> "System (report packs)".
export function actorWord(label) {
  if (!label) return '—';
  const [who, ...behalf] = String(label).split('/').filter(Boolean);
  const [kind, id, ...name] = who.split(':');
  const named = (kind === 'user' || kind === 'device') && name.length ? name.join(':')
    : kind === 'system' && id ? `System (${id.replace(/-/g, ' ')})` : who;
  const staff = behalf.find((part) => part.startsWith('staff:'));
  const person = staff ? ` for ${staff === 'staff:erased' ? 'an erased person' : `staff ${staff.slice('staff:'.length)}`}` : '';
  const rest = behalf.filter((part) => part !== staff).map((part) => proofWords[part] || part);
  return [`${named}${person}`, ...rest].join(', ');
}
