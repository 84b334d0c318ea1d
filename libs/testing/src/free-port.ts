import { AddressInfo, createServer } from 'node:net';

/**
 * A loopback port the OS just handed out and released, for a child process to listen on. Asking the
 * OS, rather than computing one from the pid, keeps clear of the ephemeral ports the suite's own
 * client sockets hold (Linux hands those out from 32768–60999; a pid-derived port collided once).
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
