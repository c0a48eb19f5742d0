// Test helper. A tiny stand-in for out/renderer: index.html, a script, a stylesheet.
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURE_INDEX_MARKER = 'meterbook-fixture-index';
export const FIXTURE_SCRIPT = 'console.log("meterbook fixture");\n';

/** Writes the renderer files into `dir/renderer` and returns that folder. */
export function writeRendererFixture(dir: string): string {
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'index.html'),
    `<!doctype html><html><head><title>${FIXTURE_INDEX_MARKER}</title><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>\n`,
  );
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), FIXTURE_SCRIPT);
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body { margin: 0; }\n');
  return root;
}
