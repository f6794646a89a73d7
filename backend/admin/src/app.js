// The shell: who may open which screen, the header and navigation, sign-in when the session ends.
import { useEffect, useRef } from 'preact/hooks';
import { whenForbidden, whenSignedOut } from './core/api.js';
import { html } from './core/html.js';
import { currentLocation, href, match, navigate, useLocation } from './core/router.js';
import { homeOf, loadSession, openingOf, sessionLost, signOut, useSession } from './core/session.js';
import { roleWords } from './core/words.js';
import { Page } from './components/page.js';
import { screens } from './screens/index.js';
import { SignIn } from './screens/sign_in.js';

whenSignedOut(() => {
  sessionLost();
  const here = currentLocation();
  if (here.path !== '/sign-in') navigate(`/sign-in?next=${encodeURIComponent(here.full)}&expired=1`, { replace: true });
});

// A coordinator may have changed this person's role: the menu and screens follow the role they have now.
whenForbidden(() => loadSession());

function find(path) {
  for (const screen of screens) {
    const params = match(screen.path, path);
    if (params) return { screen, params };
  }
  return null;
}

function Header({ user, path }) {
  const allowed = screens.filter((screen) => screen.nav && screen.roles.includes(user.role));
  const within = find(path)?.screen.within;
  const active = (screen) => (screen.path === '/' ? path === '/' : path === screen.path || path.startsWith(`${screen.path}/`) || within === screen.path);
  return html`<header class="app-header" role="banner">
    <div class="nhsuk-width-container app-header__bar">
      <a class="app-header__service" href=${href(homeOf(user))}>Pedal Power Fleet <span class="app-header__sub">admin</span></a>
      <div class="app-header__account">
        <span>${user.display_name || user.username} <span class="app-header__role">(${roleWords[user.role] || user.role})</span></span>
        <a class="app-header__link" href=${href('/password')}>Change password</a>
        <button type="button" class="app-header__signout" onClick=${async () => { await signOut(); navigate('/sign-in'); }}>Sign out</button>
      </div>
    </div>
    <nav class="app-nav" aria-label="Screens">
      <ul class="nhsuk-width-container app-nav__list">
        ${allowed.map((screen) => html`<li key=${screen.path}><a class="app-nav__link" href=${href(openingOf(user, screen.path))} aria-current=${active(screen) ? 'page' : undefined}>${screen.nav}</a></li>`)}
      </ul>
    </nav>
  </header>`;
}

function NotAllowed() {
  return html`<${Page} title="You cannot open this page">
    <p class="nhsuk-body">Your role does not include this screen. Ask a scheme coordinator if you need it.</p>
  </${Page}>`;
}

function NotFound() {
  return html`<${Page} title="Page not found"><p class="nhsuk-body">There is no such page in the admin.</p></${Page}>`;
}

export function App() {
  const session = useSession();
  const where = useLocation();
  // A new screen starts its reader at its heading; the first page load keeps the browser's own
  // start, so the skip link is the first thing Tab reaches.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (!session.checked) return;
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    requestAnimationFrame(() => document.getElementById('page-title')?.focus({ preventScroll: true }));
  }, [where.path, !!session.user, session.checked]);
  useEffect(() => {
    if (session.checked && !session.user && where.path !== '/sign-in') {
      navigate(`/sign-in?next=${encodeURIComponent(where.full)}`, { replace: true });
    }
    // The admin's address opens a role that may not see the dashboard at its own first screen.
    if (session.user && where.path === '/' && !find('/').screen.roles.includes(session.user.role)) {
      navigate(homeOf(session.user), { replace: true });
    }
  }, [session, where.path]);

  if (!session.checked) return html`<p class="nhsuk-body nhsuk-u-margin-4" role="status">Loading…</p>`;
  let content;
  if (!session.user || where.path === '/sign-in') {
    content = html`<${SignIn} query=${where.query} user=${session.user} />`;
  } else {
    const found = find(where.path);
    if (!found) content = html`<${NotFound} />`;
    else if (!found.screen.roles.includes(session.user.role)) content = html`<${NotAllowed} />`;
    else content = html`<${found.screen.component} params=${found.params} query=${where.query} user=${session.user} key=${where.path} />`;
  }
  return html`<a class="nhsuk-skip-link" href="#main">Skip to main content</a>
    ${session.user ? html`<${Header} user=${session.user} path=${where.path} />` : html`<header class="app-header" role="banner"><div class="nhsuk-width-container app-header__bar"><span class="app-header__service">Pedal Power Fleet <span class="app-header__sub">admin</span></span></div></header>`}
    <div class="nhsuk-width-container">
      <main class="nhsuk-main-wrapper app-main" id="main">${content}</main>
    </div>`;
}
