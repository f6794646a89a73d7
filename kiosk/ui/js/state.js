// Everything the screen knows about the person at it. forget() empties it at every reset.
const blank = () => ({
  session: null,
  mode: 'borrow',
  identifier: null,
  offer: null,
  bike: null,
  returning: null,
});

export const state = blank();

export function forget() {
  for (const key of Object.keys(state)) delete state[key];
  Object.assign(state, blank());
}
