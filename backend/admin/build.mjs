// Bundles the web admin into one folder the server serves under /admin/:
//   node build.mjs <node_modules folder> <output folder>
// index.html names a fingerprinted script and style sheet under assets/, so those can be cached for
// good. The NHS style sheet's web fonts live on another origin: their @font-face rules are dropped
// (the design system's own fallback, Arial, is used) so the page asks nothing of anyone but us.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [modules, output] = process.argv.slice(2).map((folder) => path.resolve(folder));
if (!modules || !output) {
  console.error('usage: node build.mjs <node_modules folder> <output folder>');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const esbuild = createRequire(path.join(modules, 'noop.js'))('esbuild');
const nhsuk = path.join(modules, 'nhsuk-frontend', 'dist', 'nhsuk');
const assets = path.join(output, 'assets');

const fingerprint = (text) => createHash('sha256').update(text).digest('hex').slice(0, 12);

async function bundleScript() {
  const built = await esbuild.build({
    entryPoints: [path.join(here, 'src', 'main.js')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    nodePaths: [modules],
    write: false,
    legalComments: 'none',
  });
  return built.outputFiles[0].text;
}

async function styleSheet() {
  const icons = new Set();
  const design = (await readFile(path.join(nhsuk, 'nhsuk-frontend.min.css'), 'utf8'))
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/url\(\/assets\/images\/([a-z0-9-]+\.svg)\)/g, (_, name) => {
      icons.add(name);
      return `url(${name})`;
    });
  const own = await readFile(path.join(here, 'src', 'admin.css'), 'utf8');
  return { css: `${design}\n${own}`, icons };
}

await rm(output, { recursive: true, force: true });
await mkdir(assets, { recursive: true });
const script = await bundleScript();
const { css, icons } = await styleSheet();
const scriptName = `admin-${fingerprint(script)}.js`;
const styleName = `admin-${fingerprint(css)}.css`;
await writeFile(path.join(assets, scriptName), script);
await writeFile(path.join(assets, styleName), css);
for (const icon of icons) await copyFile(path.join(nhsuk, 'assets', 'images', icon), path.join(assets, icon));
await copyFile(path.join(nhsuk, 'assets', 'images', 'favicon.svg'), path.join(output, 'favicon.svg'));
const page = (await readFile(path.join(here, 'src', 'index.html'), 'utf8'))
  .replace('{{script}}', `/admin/assets/${scriptName}`)
  .replace('{{style}}', `/admin/assets/${styleName}`);
await writeFile(path.join(output, 'index.html'), page);
console.log(`web admin: ${scriptName} ${script.length} bytes, ${styleName} ${css.length} bytes`);
