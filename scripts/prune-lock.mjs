// Removes, from package-lock.json, optional platform packages that the lock names but does not contain.
// The registry this project installs from does not serve some other-platform binaries (e.g.
// @lix-js/sdk-darwin-arm64); `npm install` skips them but leaves their names behind, and `npm ci` then
// refuses the lock. Run after changing dependencies: `node scripts/prune-lock.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let pruned = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const name of Object.keys(entry.optionalDependencies)) {
    const nested = `${location}/node_modules/${name}`;
    if (!lock.packages[`node_modules/${name}`] && !lock.packages[nested]) {
      delete entry.optionalDependencies[name];
      pruned++;
      console.log(`pruned ${name} (optional dependency of ${location || 'the root'}, not in the lock)`);
    }
  }
}
if (pruned) writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
else console.log('package-lock.json: nothing to prune');
