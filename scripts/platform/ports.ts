// Checks that a port is free before anything starts, so a clash gives one clear message instead of a
// half-started platform.
import { createServer } from 'node:net';

export interface PortSpec {
  /** What wanted it, e.g. "anvil (JSON-RPC)". */
  service: string;
  port: number;
  host: string;
  /** How to choose another one. */
  flag: string;
  env: string;
}

export class PortInUseError extends Error {
  constructor(readonly spec: PortSpec) {
    super(
      `port ${spec.port} on ${spec.host} is already in use, so ${spec.service} cannot start.\n` +
        `  Stop what is listening there (see: ss -ltnp 'sport = :${spec.port}'), or pick another port:\n` +
        `  npm start -- ${spec.flag} <port>     or     ${spec.env}=<port> npm start`,
    );
    this.name = 'PortInUseError';
  }
}

export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function assertPortsFree(specs: PortSpec[]): Promise<void> {
  const seen = new Map<number, string>();
  for (const spec of specs) {
    const other = seen.get(spec.port);
    if (other) throw new Error(`${spec.service} and ${other} are both set to port ${spec.port}; give one of them another port (${spec.flag})`);
    seen.set(spec.port, spec.service);
  }
  for (const spec of specs) {
    if (!(await isPortFree(spec.port, spec.host))) throw new PortInUseError(spec);
  }
}

/** A free port picked by the OS (for tests). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
