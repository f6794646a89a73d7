// The admin's words for the API's codes, read straight from its modules: no page needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { actorWord, serviceLeft } from '../../backend/admin/src/core/workshop_words.js';

test('the audit names who acted in words, a kiosk together with the person it acted for', () => {
  assert.equal(actorWord('user:4:dana'), 'dana');
  assert.equal(actorWord('device:2:kiosk-bas/staff:S12345/pin'), 'kiosk-bas for staff S12345, by PIN');
  assert.equal(actorWord('device:2:kiosk-bas/staff:erased/badge'), 'kiosk-bas for an erased person, by badge');
  assert.equal(actorWord('system:report-packs'), 'System (report packs)');
  assert.equal(actorWord('system:demo-seed/technician'), 'System (demo seed), technician');
  assert.equal(actorWord('someone:odd'), 'someone:odd');
  assert.equal(actorWord(''), '—');
});

test('a service due says what is left or past in figures grouped as the other screens write them', () => {
  assert.equal(serviceLeft({ km_left: 1953.4, days_left: 40 }), '1,953 km or 40 days left');
  assert.equal(serviceLeft({ km_left: -2447.2, days_left: 3 }), '2,447 km past due');
  assert.equal(serviceLeft({ km_left: 0.2, days_left: null }), 'Due now');
  assert.equal(serviceLeft({ km_left: 5, days_left: 0 }), 'Due today');
  assert.equal(serviceLeft({ days_left: 1 }), '1 day left');
});
