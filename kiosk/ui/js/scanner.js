// A keyboard-wedge reader types a whole code and Enter within moments; people do not.
const gapMs = 100;

export function listenForScans(onScan) {
  let buffer = '';
  let last = 0;
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLTextAreaElement) return;
    const now = performance.now();
    if (now - last > gapMs * 5) buffer = '';
    last = now;
    if (event.key === 'Enter') {
      const code = buffer.trim();
      buffer = '';
      if (code.length >= 3) onScan(code);
      return;
    }
    if (event.key.length === 1) buffer += event.key;
  });
}
