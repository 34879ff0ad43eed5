/**
 * A CONNECT proxy on loopback standing in for DNS (Firefox has no host-resolver flag): tunnels
 * for `api.bigcommerce.com` and `*.mybigcommerce.com` go to the sandbox's port, where one HTTPS
 * server routes by path and Host. Everything else is refused and remembered, so a test can see
 * what the browser tried to reach.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SandboxProxy {
  port: number;
  /** host:port of tunnels that were refused. */
  refused: string[];
  /** host:port of tunnels that were opened to the sandbox. */
  tunnels: string[];
  close(): Promise<void>;
}

export function isSandboxHost(host: string): boolean {
  const h = host.toLowerCase();
  return (
    h === 'api.bigcommerce.com' ||
    (h.endsWith('.mybigcommerce.com') && h.length > '.mybigcommerce.com'.length)
  );
}

export async function startProxy(opts: {
  targetPort: number;
  targetHost?: string;
}): Promise<SandboxProxy> {
  const targetHost = opts.targetHost ?? '127.0.0.1';
  const refused: string[] = [];
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    // Plain HTTP through the proxy: nothing of ours uses it.
    refused.push(req.headers.host ?? req.url ?? '?');
    res
      .writeHead(403, { 'content-type': 'text/plain' })
      .end('Only CONNECT to the sandbox hosts is allowed.\n');
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const authority = req.url ?? '';
    const host = authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    const port = Number(/:(\d+)$/.exec(authority)?.[1] ?? 443);
    if (!isSandboxHost(host) || port !== 443) {
      refused.push(authority);
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    tunnels.push(authority);
    const upstream = connect(opts.targetPort, targetHost);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    refused,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
