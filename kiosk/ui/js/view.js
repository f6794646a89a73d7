// Showing screens and building elements, with no personal data left behind on reset.
export const byId = (id) => document.getElementById(id);

export function show(name) {
  for (const screen of document.querySelectorAll('.screen')) screen.hidden = screen.id !== `screen-${name}`;
  byId('cancel').hidden = name === 'start';
  const heading = document.querySelector(`#screen-${name} h2`);
  if (heading) heading.focus({ preventScroll: true });
}

export function element(tag, properties = {}, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === 'onclick') made.addEventListener('click', value);
    else if (name in made) made[name] = value;
    else made.setAttribute(name, value);
  }
  made.append(...children.filter((child) => child !== null && child !== undefined));
  return made;
}

export function clearPersonalData() {
  for (const holder of document.querySelectorAll('[data-personal]')) {
    if ('value' in holder && holder.tagName !== 'OUTPUT') holder.value = '';
    if (holder.type === 'checkbox') holder.checked = false;
    else holder.replaceChildren();
    if (holder.hasAttribute('data-hide-when-empty')) holder.hidden = true;
  }
}

export function money(pence) {
  return `£${(Number(pence || 0) / 100).toFixed(2)}`;
}

export function longDate(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function clockTime(iso) {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
