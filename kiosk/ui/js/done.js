// The confirmation: shown briefly, then the screen forgets the person.
import { byId, show } from './view.js';

const showForMs = 15000;
let timer = null;
let finish = () => {};
let forgetPerson = () => {};

export function showDone(title, detail, offline, ride = '') {
  byId('done-title').textContent = title;
  byId('done-detail').textContent = detail;
  byId('done-ride').textContent = ride;
  byId('done-ride').hidden = !ride;
  byId('done-offline').hidden = !offline;
  show('done');
  forgetPerson();
  clearTimeout(timer);
  timer = setTimeout(() => finish(), showForMs);
}

// `forgetSession` runs as soon as the confirmation shows: nothing more can be done for this person.
export function setUpDone(reset, forgetSession) {
  forgetPerson = forgetSession;
  finish = () => {
    clearTimeout(timer);
    reset();
  };
  byId('done-finish').addEventListener('click', () => finish());
}
