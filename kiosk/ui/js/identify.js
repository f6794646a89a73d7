// Who is at the screen: a badge scan (a reader that types the id and Enter) or a staff number, then a PIN.
import { call, problemOf } from './agent.js';
import { keypad } from './keypad.js';
import { state } from './state.js';
import { byId, clockTime, show } from './view.js';

let numberPad;
let pinPad;
let onIdentified = () => {};

export function askForPin(identifier) {
  state.identifier = identifier;
  pinPad.reset();
  byId('pin-message').textContent = '';
  show('pin');
}

// How long a lock lasts, from the backend's locked_until or retry_after_seconds.
function lockMessage(problem) {
  const seconds = problem.detail.retry_after_seconds;
  const until = problem.detail.locked_until || (seconds ? new Date(Date.now() + seconds * 1000).toISOString() : null);
  if (!until) return problem.message;
  const minutes = Math.max(1, Math.ceil((new Date(until) - Date.now()) / 60000));
  return `Too many wrong PINs. You can try again at ${clockTime(until)} (in about ${minutes} minute${minutes === 1 ? '' : 's'}).`;
}

const lockCodes = ['pin_locked', 'too_many_attempts'];

async function submitPin() {
  const pin = pinPad.value();
  if (pin.length < 4) {
    byId('pin-message').textContent = 'Your PIN has at least 4 digits.';
    return;
  }
  byId('pin-ok').disabled = true;
  const result = await call('POST', '/local/identify', { ...state.identifier, pin });
  byId('pin-ok').disabled = false;
  pinPad.reset();
  if (!result.ok) {
    const problem = problemOf(result, 'That did not work. Please try again.');
    byId('pin-message').textContent = lockCodes.includes(problem.code) ? lockMessage(problem) : problem.message;
    return;
  }
  state.session = result.data.session;
  onIdentified();
}

export function setUpIdentify(identified) {
  onIdentified = identified;
  numberPad = keypad('number-keypad', 'number-display', { maxLength: 12 });
  pinPad = keypad('pin-keypad', 'pin-display', { masked: true, maxLength: 8 });
  byId('number-next').addEventListener('click', () => {
    if (numberPad.value().length > 0) askForPin({ staff_number: numberPad.value() });
  });
  byId('pin-ok').addEventListener('click', submitPin);
  return {
    reset: () => {
      numberPad.reset();
      pinPad.reset();
    },
  };
}
