// An on-screen number pad writing into a display; `masked` shows dots instead of digits.
import { byId, element } from './view.js';

export function keypad(containerId, displayId, { masked = false, maxLength = 12 } = {}) {
  let typed = '';
  const display = byId(displayId);
  const render = () => {
    display.textContent = masked ? '•'.repeat(typed.length) : typed;
  };
  const press = (key) => {
    if (key === 'Clear') typed = '';
    else if (key === 'Delete') typed = typed.slice(0, -1);
    else if (typed.length < maxLength) typed += key;
    render();
  };
  const labels = { Delete: '⌫', Clear: 'Clear' };
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Clear', '0', 'Delete'];
  byId(containerId).replaceChildren(
    ...keys.map((key) =>
      element('button', { type: 'button', className: 'key', onclick: () => press(key), 'aria-label': key === 'Delete' ? 'Delete' : key }, labels[key] || key),
    ),
  );
  return {
    value: () => typed,
    reset: () => {
      typed = '';
      render();
    },
  };
}
