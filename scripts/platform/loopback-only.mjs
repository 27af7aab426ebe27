// Preloaded into services that bind every interface with no option to change it (Alto 0.0.20 listens on
// 0.0.0.0, hard-coded): every server of the process listens on 127.0.0.1 instead, so the local platform is
// never reachable from the network. Usage: node --import ./scripts/platform/loopback-only.mjs <script>
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const WILDCARDS = new Set([undefined, null, '', '0.0.0.0', '::', '::0']);
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !Array.isArray(first) && first.path === undefined && first.fd === undefined && first.handle === undefined) {
    if (WILDCARDS.has(first.host)) args[0] = { ...first, host: LOOPBACK };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback])
    if (typeof args[1] !== 'string' || WILDCARDS.has(args[1])) args.splice(1, typeof args[1] === 'string' ? 1 : 0, LOOPBACK);
  }
  return listen.apply(this, args);
};
