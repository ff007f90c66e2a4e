// Preloaded (node --require) into child processes that must not touch the network: any attempt to
// resolve a name or open a socket fails loudly and leaves a marker on stderr for the test to find.
const net = require('node:net');
const dns = require('node:dns');

// @cloudbase/node-sdk probes Tencent Cloud's metadata service (30 ms timeout, errors ignored) to
// learn whether it runs in the cloud. That probe is refused too, but reported apart: it is the
// SDK's own start-up check, not a request of ours.
const METADATA_HOST = 'metadata.tencentyun.com';

function refuse(what) {
  process.stderr.write(what.includes(METADATA_HOST) ? `METADATA PROBE REFUSED: ${what}\n` : `NETWORK ATTEMPT: ${what}\n`);
  throw new Error(`network access attempted (${what})`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() hands over its arguments already normalised, as one array.
  const opts = Array.isArray(args[0]) ? args[0][0] : args[0];
  // Local IPC (pipes) is not the network.
  if (opts && typeof opts === 'object' && opts.path) return connect.apply(this, args);
  if (typeof opts === 'string' && !/^\d+$/.test(opts)) return connect.apply(this, args);
  refuse(`socket ${JSON.stringify(opts && typeof opts === 'object' ? { host: opts.host, port: opts.port } : opts)}`);
};
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
dns.resolve = (host) => refuse(`dns ${host}`);
