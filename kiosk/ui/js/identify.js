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

// How long this kiosk must wait after too many failed attempts here, from retry_after_seconds. A PIN
// locked for one person answers as a wrong PIN does, so the screen never tells the two apart.
function waitMessage(problem) {
  const seconds = problem.detail.retry_after_seconds;
  if (!seconds) return problem.message;
  const until = new Date(Date.now() + seconds * 1000).toISOString();
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many tries at this kiosk. You can try again at ${clockTime(until)} (in about ${minutes} minute${minutes === 1 ? '' : 's'}).`;
}

async function submitPin() {
  const pin = pinPad.value();
  if (pin.length < 4) {
    byId('pin-message').textContent = 'Your PIN has at least 4 digits.';
    return;
  }
  byId('pin-ok').disabled = true;
  byId('pin-message').textContent = '';
  const result = await call('POST', '/local/identify', { ...state.identifier, pin });
  byId('pin-ok').disabled = false;
  pinPad.reset();
  if (!result.ok) {
    const problem = problemOf(result, 'That did not work. Please try again.');
    byId('pin-message').textContent = problem.code === 'too_many_attempts' ? waitMessage(problem) : problem.message;
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
