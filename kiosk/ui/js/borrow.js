// The checkout: what the person's band allows, the bikes here, accessories and terms, then the loan.
import { call, problemOf } from './agent.js';
import { accessoryKinds } from './choices.js';
import { state } from './state.js';
import { byId, clockTime, element, longDate, money, show } from './view.js';
import { showDone } from './done.js';

let openReturn = () => {};

function allowanceCard(offer) {
  const allowance = offer.allowance;
  if (!allowance) return [];
  return [
    element('p', {}, element('strong', {}, `Loan length: ${allowance.max_loan_days} days`)),
    element('p', { id: 'offer-due' }, `If you borrow today, bring it back by ${longDate(allowance.due_at)}.`),
    element('p', {}, `Weekly fee: ${money(allowance.weekly_fee_pence)}. Deposit: ${money(allowance.deposit_pence)}.`),
    element('p', {}, `Bikes on loan: ${offer.active_loans} of ${allowance.max_concurrent_loans} allowed.`),
  ];
}

async function changeWaitlist(body) {
  const result = await call('POST', '/local/waitlist', body);
  if (!result.ok) {
    const refusal = byId('offer-refusal');
    refusal.hidden = false;
    refusal.replaceChildren(element('p', {}, problemOf(result, 'The waiting list could not be changed.').message));
    return;
  }
  await openOffer();
}

// Only someone who cannot take a bike now is offered the queue, and then told their place in it, or
// which bike is held for them.
function waitlistCard(offer) {
  if (offer.may_borrow) return [];
  const held = offer.reservation;
  if (held) {
    const bike = (offer.bikes || []).find((candidate) => candidate.id === held.bike_id);
    return [
      element('p', { id: 'waitlist-held' }, element('strong', {}, `${bike ? bike.asset_tag : 'A bike'} is held for you until ${clockTime(held.expires_at)} on ${longDate(held.expires_at)}.`)),
    ];
  }
  const entry = offer.waitlist;
  if (entry && entry.status === 'waiting') {
    return [
      element('p', { id: 'waitlist-place' }, element('strong', {}, `You are number ${entry.position} in the queue for a bike here.`)),
      element('p', {}, 'We will email you when a bike is held for you.'),
      element('button', { type: 'button', className: 'secondary', onclick: () => changeWaitlist({ action: 'leave', entry_id: entry.id }) }, 'Leave the waiting list'),
    ];
  }
  if (offer.may_join_waitlist) {
    return [
      element('p', {}, 'Join the waiting list and we will hold the next free bike for you.'),
      element('button', { type: 'button', className: 'primary', id: 'waitlist-join', onclick: () => changeWaitlist({ action: 'join' }) }, 'Join the waiting list'),
    ];
  }
  return [];
}

const known = (bike) => typeof bike.charge_pct === 'number';

function chargeFigure(bike) {
  if (!known(bike)) return element('span', { className: 'percent' }, element('span', { className: 'visually-hidden' }, 'Charge: '), '?');
  return element('span', { className: 'percent' }, `${bike.charge_pct}%`, element('span', { className: 'visually-hidden' }, ' charged'));
}

function chargeWords(bike) {
  if (!known(bike)) return 'No charge reading';
  if (bike.charging) return 'Charging, not ready to lend';
  return typeof bike.range_km === 'number' ? `about ${Math.round(bike.range_km)} km` : 'range not known';
}

function chargeMeter(bike) {
  const meter = element('span', { className: 'meter', 'aria-hidden': 'true' }, element('span', { className: 'meter-fill' }));
  if (known(bike)) meter.firstChild.style.width = `${Math.max(0, Math.min(100, bike.charge_pct))}%`;
  return meter;
}

// A bike too low to lend is shown for what it is, not offered as a button.
function bikeTile(bike) {
  const charge = bike.charging ? 'charging' : known(bike) ? 'charged' : 'unknown';
  const content = [
    element('span', { className: 'tile-top' }, element('strong', {}, bike.asset_tag), chargeFigure(bike)),
    element('span', { className: 'model' }, `${bike.make} ${bike.model}`),
    element('span', { className: 'charge' }, chargeMeter(bike), element('span', { className: 'words' }, chargeWords(bike))),
  ];
  const data = { 'data-tag': bike.asset_tag, 'data-charge': charge, 'data-percent': known(bike) ? String(bike.charge_pct) : '' };
  if (bike.charging) return element('div', { className: `bike ${charge}`, ...data }, ...content);
  return element('button', { type: 'button', className: `bike ${charge}`, ...data, onclick: () => chooseBike(bike) }, ...content);
}

export async function openOffer() {
  const result = await call('GET', '/local/offer');
  if (!result.ok) {
    showDone('Sorry', problemOf(result, 'Please start again.').message, false);
    return;
  }
  const offer = result.data;
  state.offer = offer;
  byId('offer-title').textContent = `Hello, ${offer.staff ? offer.staff.name : ''}`;
  byId('offer-allowance').replaceChildren(...allowanceCard(offer));
  const refusal = byId('offer-refusal');
  refusal.hidden = !offer.refusal;
  refusal.replaceChildren(...(offer.refusal ? [element('p', {}, element('strong', {}, offer.refusal.message))] : []));
  byId('offer-waitlist').replaceChildren(...waitlistCard(offer));
  const bikes = offer.bikes || [];
  byId('offer-bikes-title').hidden = bikes.length === 0;
  // A held bike that is charging comes with the charged bikes free here; taking one gives up the hold.
  const others = offer.reservation ? bikes.filter((bike) => bike.id !== offer.reservation.bike_id) : [];
  byId('offer-bikes-title').textContent = others.length > 0
    ? 'The bike held for you is charging. Take a charged bike instead: the hold ends when you do'
    : offer.reservation ? 'This bike is held for you' : offer.may_borrow ? 'Pick a bike' : 'Bikes here';
  byId('offer-bikes-hint').hidden = bikes.length < 2 || !offer.may_borrow;
  byId('offer-bikes').replaceChildren(...bikes.map(bikeTile));
  byId('offer-return').hidden = !(offer.loans && offer.loans.length > 0);
  show('offer');
}

export function chooseBikeByTag(tag) {
  const bike = ((state.offer && state.offer.bikes) || []).find((candidate) => candidate.asset_tag === tag);
  if (bike && state.offer.may_borrow && !bike.charging) chooseBike(bike);
}

function chooseBike(bike) {
  state.bike = bike;
  byId('terms-bike').textContent = `${bike.asset_tag}, ${bike.make} ${bike.model}`;
  byId('terms-accessories').replaceChildren(
    ...accessoryKinds().map(([kind, label]) =>
      element('label', { className: 'toggle' }, element('input', { type: 'checkbox', value: kind, name: 'accessory' }), label),
    ),
  );
  const terms = state.offer.terms || { version: '', body: '' };
  byId('terms-text').textContent = terms.body;
  byId('terms-accept').checked = false;
  byId('terms-accept-label').textContent = `I have read and accept the loan terms (version ${terms.version})`;
  byId('terms-message').textContent = '';
  show('terms');
}

async function confirmCheckout() {
  if (!byId('terms-accept').checked) {
    byId('terms-message').textContent = 'Please tick to accept the loan terms.';
    return;
  }
  const chosen = [...document.querySelectorAll('#terms-accessories input:checked')].map((box) => box.value);
  byId('terms-confirm').disabled = true;
  const result = await call('POST', '/local/checkout', {
    bike_id: state.bike.id,
    bike_tag: state.bike.asset_tag,
    accessories: chosen,
    terms_version: (state.offer.terms || {}).version || '',
  });
  byId('terms-confirm').disabled = false;
  if (!result.ok) {
    byId('terms-message').textContent = problemOf(result, 'The bike could not be lent. Please try again.').message;
    return;
  }
  showDone(`${state.bike.asset_tag} is yours`, `Please bring it back by ${longDate(result.data.due_at)}.`, result.data.offline);
}

export function setUpBorrow(returnFlow) {
  openReturn = returnFlow;
  byId('terms-confirm').addEventListener('click', confirmCheckout);
  byId('offer-return').addEventListener('click', () => openReturn(state.offer.loans));
}
