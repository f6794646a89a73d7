// Taking a bike back: which bike, its condition, the accessories, and any fault.
import { call, problemOf } from './agent.js';
import { accessoryKinds, faultCategories } from './choices.js';
import { keypad } from './keypad.js';
import { state } from './state.js';
import { byId, element, show } from './view.js';
import { showDone } from './done.js';

const checks = [
  ['brakes_work', 'Brakes work'],
  ['tyres_ok', 'Tyres are pumped up'],
  ['lights_work', 'Lights work'],
  ['clean_and_undamaged', 'No new damage'],
];

let tagPad;
let tagPrefix = 'EB-';

function toggle(name, value, label, checked) {
  return element('label', { className: 'toggle' }, element('input', { type: 'checkbox', name, value, checked }), label);
}

function chooseFault(category) {
  state.returning.fault = category;
  for (const button of byId('return-fault-categories').children) {
    button.setAttribute('aria-pressed', String(button.dataset.category === category));
  }
  byId('return-fault-extra').hidden = category === '';
}

function openDetails(returning) {
  state.returning = { ...returning, fault: '' };
  byId('return-bike').textContent = returning.bike_tag;
  byId('return-checks').replaceChildren(...checks.map(([name, label]) => toggle('check', name, label, true)));
  // With the loan known, only what was handed out is listed, ticked; otherwise the person ticks what they bring.
  const known = Array.isArray(returning.accessories);
  const accessories = accessoryKinds();
  const issued = known ? returning.accessories.map((item) => item.kind) : accessories.map(([kind]) => kind);
  byId('return-accessories').replaceChildren(
    ...accessories.filter(([kind]) => issued.includes(kind)).map(([kind, label]) => toggle('accessory', kind, label, known)),
  );
  byId('return-fault-categories').replaceChildren(
    ...[['', 'Nothing wrong'], ...faultCategories()].map(([category, label]) =>
      element('button', { type: 'button', className: 'secondary', 'data-category': category, onclick: () => chooseFault(category) }, label),
    ),
  );
  byId('return-fault-unsafe').checked = false;
  byId('return-fault-note').value = '';
  chooseFault('');
  byId('return-message').textContent = '';
  byId('return-pick').hidden = true;
  byId('return-details').hidden = false;
}

function loanTile(loan) {
  const tag = loan.bike_tag || `bike ${loan.bike_id}`;
  return element(
    'button',
    { type: 'button', className: 'loan', 'data-tag': tag, onclick: () => openDetails({ loan_id: loan.id, bike_id: loan.bike_id, bike_tag: tag, accessories: loan.accessories }) },
    element('strong', {}, tag),
    'Return this bike',
  );
}

export function openReturn(loans = []) {
  state.mode = 'return';
  tagPad.reset();
  byId('return-loans').replaceChildren(...loans.map(loanTile));
  byId('return-pick').hidden = false;
  byId('return-details').hidden = true;
  show('return');
}

export function returnByTag(tag) {
  const loans = (state.offer && state.offer.loans) || [];
  const known = loans.find((loan) => loan.bike_tag === tag);
  openDetails(known ? { loan_id: known.id, bike_id: known.bike_id, bike_tag: tag, accessories: known.accessories } : { bike_tag: tag });
}

function typedTag() {
  const digits = tagPad.value();
  return digits ? `${tagPrefix}${digits.padStart(4, '0')}` : '';
}

async function confirmReturn() {
  const returning = state.returning;
  const condition = Object.fromEntries([...document.querySelectorAll('#return-checks input')].map((box) => [box.value, box.checked]));
  const body = {
    bike_tag: returning.bike_tag,
    condition,
    accessories_returned: [...document.querySelectorAll('#return-accessories input:checked')].map((box) => box.value),
  };
  if (returning.loan_id) body.loan_id = returning.loan_id;
  if (returning.bike_id) body.bike_id = returning.bike_id;
  if (returning.fault) {
    body.fault = { category: returning.fault, note: byId('return-fault-note').value.trim(), safety: byId('return-fault-unsafe').checked };
  }
  byId('return-confirm').disabled = true;
  const result = await call('POST', '/local/return', body);
  byId('return-confirm').disabled = false;
  if (!result.ok) {
    byId('return-message').textContent = problemOf(result, 'The return could not be taken. Please try again.').message;
    return;
  }
  const km = result.data.distance_km;
  const ridden = typeof km === 'number' ? `You rode ${km.toFixed(1)} km on it. ` : '';
  const fault = body.fault ? 'Thank you for reporting the fault. ' : '';
  showDone(`Thank you: ${returning.bike_tag} is back`, `${ridden}${fault}`.trim() || 'All done.', result.data.offline);
}

export function setUpReturn(prefix) {
  if (prefix) tagPrefix = prefix;
  tagPad = keypad('return-keypad', 'return-tag-display', { maxLength: 6 });
  byId('return-tag-next').addEventListener('click', () => {
    if (typedTag()) returnByTag(typedTag());
  });
  byId('return-confirm').addEventListener('click', confirmReturn);
  return { reset: () => tagPad.reset() };
}
