/**
 * Preloaded (`node -r`) into the Microsoft 365 Agents Playground when tests start it.
 *
 * The playground's CLI has no host option: it calls `server.listen(port)`, which listens on
 * every interface. A test must not open a port to the network, so every listen without a host
 * is bound to 127.0.0.1 here. This also makes its "is the port free?" probe check loopback,
 * the interface the tests then use.
 */
'use strict';
// A preload script runs before any loader, so it is plain CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (first === undefined || typeof first === 'function') {
    // listen([callback]): a random port, on loopback.
    args.unshift(0, LOOPBACK);
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback]): add the host when it is missing.
    if (typeof args[1] !== 'string') args.splice(1, 0, LOOPBACK);
  } else if (first && typeof first === 'object' && first.path === undefined && first.fd === undefined && first.handle === undefined && first.host === undefined) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
