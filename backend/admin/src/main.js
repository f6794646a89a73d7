// Starts the web admin: asks the server who is signed in, then shows the screen the address names.
import { render } from 'preact';
import { html } from './core/html.js';
import { loadSession } from './core/session.js';
import { App } from './app.js';

loadSession();
render(html`<${App} />`, document.getElementById('app'));
