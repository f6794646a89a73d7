// Taking a bike back: which bike, its condition, the accessories, and any fault.
import { call, problemOf } from './agent.js';
import { accessoryKinds, faultCategories, returnChecks } from './choices.js';
import { keypad } from './keypad.js';
import { state } from './state.js';
import { byId, element, show } from './view.js';
import { showDone } from './done.js';

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
  byId('return-checks').replaceChildren(...returnChecks().map(([name, label]) => toggle('check', name, label, true)));
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
  byId('return-details-title').focus({ preventScroll: true });
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

// The person's own loans are on their offer; any other bike's loan, and what went out with it, the agent looks up.
export async function returnByTag(tag) {
  const loans = (state.offer && state.offer.loans) || [];
  const known = loans.find((loan) => loan.bike_tag === tag);
  if (known) {
    openDetails({ loan_id: known.id, bike_id: known.bike_id, bike_tag: tag, accessories: known.accessories });
    return;
  }
  const found = await call('GET', `/local/loan-of-bike?tag=${encodeURIComponent(tag)}`);
  const loan = found.ok ? found.data : {};
  if (!Array.isArray(loan.accessories)) {
    openDetails({ bike_tag: tag });
    return;
  }
  openDetails({ loan_id: loan.loan_id, bike_tag: tag, accessories: loan.accessories.map((kind) => ({ kind })) });
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
  const reported = body.fault || Object.values(condition).includes(false);
  const fault = reported ? 'Thank you for telling us: a technician will look at the bike.' : 'All done.';
  showDone(`Thank you: ${returning.bike_tag} is back`, fault, result.data.offline, rideWords(result.data.ride));
}

function kilograms(kg) {
  return kg < 0.1 ? 'less than 0.1 kg' : `about ${kg.toFixed(1)} kg`;
}

// What the loan did, in plain words, from the rider's own trips; nothing when nothing was recorded.
export function rideWords(ride) {
  if (!ride || !ride.trips) return '';
  const trips = `${ride.trips} trip${ride.trips === 1 ? '' : 's'}`;
  const ridden = `On this loan you rode ${ride.distance_km.toFixed(1)} km, on ${trips}.`;
  if (!ride.emissions) return ridden;
  const net = ride.emissions.net_kg;
  if (net > 0) {
    return `${ridden} Compared with how you used to get to work, that avoided ${kilograms(net)} of carbon emissions (CO2e), after the electricity to charge the bike.`;
  }
  return `${ridden} Your old way to work was already low in carbon, so charging the bike added ${kilograms(-net)} of carbon emissions (CO2e).`;
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
