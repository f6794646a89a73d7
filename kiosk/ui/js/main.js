// Wires the screens together, and forgets the person after a minute without a touch or after a confirmation.
import { call } from './agent.js';
import { openOffer, chooseBikeByTag, setUpBorrow } from './borrow.js';
import { loadChoices } from './choices.js';
import { setUpDone } from './done.js';
import { askForPin, setUpIdentify } from './identify.js';
import { openReturn, returnByTag, setUpReturn } from './return.js';
import { listenForScans } from './scanner.js';
import { forget, state } from './state.js';
import { watchStatus } from './status.js';
import { byId, clearPersonalData, show } from './view.js';

const idleMs = 60000;
let idleTimer = null;

function currentScreen() {
  const shown = document.querySelector('.screen:not([hidden])');
  return shown ? shown.id.replace('screen-', '') : 'start';
}

function reset() {
  clearTimeout(idleTimer);
  if (state.session) call('POST', '/local/end');
  forget();
  identify.reset();
  returning.reset();
  clearPersonalData();
  show('start');
  loadChoices();
}

function touched() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(reset, idleMs);
}

function identified() {
  if (state.mode === 'return') {
    call('GET', '/local/offer').then((result) => {
      if (result.ok) state.offer = result.data;
      openReturn((result.ok && result.data.loans) || []);
    });
  } else {
    openOffer();
  }
}

function scanned(code) {
  const screen = currentScreen();
  if (screen === 'start' || screen === 'number') askForPin({ badge_id: code });
  else if (screen === 'return') returnByTag(code);
  else if (screen === 'offer') chooseBikeByTag(code);
  touched();
}

const identify = setUpIdentify(identified);
const returning = setUpReturn();
setUpBorrow(openReturn);
setUpDone(reset, () => {
  if (state.session) call('POST', '/local/end');
  forget();
});

byId('start-borrow').addEventListener('click', () => {
  state.mode = 'borrow';
  byId('return-without-sign-in').hidden = true;
  show('number');
});
byId('start-return').addEventListener('click', () => {
  state.mode = 'return';
  byId('return-without-sign-in').hidden = false;
  show('number');
});
byId('return-without-sign-in').addEventListener('click', () => openReturn([]));
byId('cancel').addEventListener('click', reset);
for (const kind of ['pointerdown', 'keydown']) document.addEventListener(kind, touched, true);
listenForScans(scanned);
watchStatus();
reset();
