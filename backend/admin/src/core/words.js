// The words and formats the screens show for the API's codes and values.
import { codeWords } from './code_words.js';

export const { codes: bikeStatuses, word: bikeStatusWord, colour: bikeStatusColour } = codeWords(
  {
    available: 'Available',
    reserved: 'Reserved',
    on_loan: 'On loan',
    maintenance: 'In maintenance',
    retired: 'Retired',
    lost: 'Lost',
  },
  { available: 'green', reserved: 'blue', on_loan: 'purple', maintenance: 'orange', retired: 'grey', lost: 'red' },
);

export const { word: loanStatusWord } = codeWords({ active: 'Active', returned: 'Returned', lost: 'Lost' });

export const { word: waitlistStatusWord } = codeWords({
  waiting: 'Waiting', offered: 'Bike held', fulfilled: 'Got a bike', left: 'Left the list', expired: 'Hold expired',
});

export const { word: reservationStatusWord } = codeWords({ held: 'Held', fulfilled: 'Collected', expired: 'Expired', cancelled: 'Cancelled' });

/// A waiting-list tier as people say it: tier 0 is someone whose held bike went into the workshop,
/// kept at the head of the queue.
export const tierWord = (tier) => (tier === 0 ? 'Head of the queue (their bike went to the workshop)' : `Tier ${tier}`);

/// The accessories an ended loan did not bring back, as "lock, charger"; empty when all came back.
export const missingAccessories = (loan) => loan.accessories.filter((item) => item.returned === false).map((item) => item.kind).join(', ');

export const payBands = ['1', '2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9', 'other'];

export function payBandWord(band) {
  return band === 'other' ? 'Not on Agenda for Change' : `Band ${band}`;
}

export const roleWords = { coordinator: 'Coordinator', technician: 'Technician', reporter: 'Report author', kiosk: 'Kiosk', telematics: 'Telematics gateway' };

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function day(value) {
  const date = toDate(value);
  return date ? dateFormat.format(date) : '—';
}

export function moment(value) {
  const date = toDate(value);
  return date ? timeFormat.format(date) : '—';
}

/// A figure in words; a count a report hides ("<5", "[c]") stays as it is.
export function number(value) {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : numberFormat.format(value);
}

export function kilometres(metres) {
  return metres === null || metres === undefined ? '—' : `${numberFormat.format(metres / 1000)} km`;
}

/// YYYY-MM-DD of a Date in UTC, as the API's date parameters take it.
export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}
