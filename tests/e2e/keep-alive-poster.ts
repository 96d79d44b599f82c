import { Agent, request } from 'node:http';

export interface PostAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * POSTs JSON over node:http with a keep-alive pool. For request-heavy tests: about a third of
 * fetch's client CPU per request, which on a small machine is time the server does not get.
 */
export class KeepAlivePoster {
  private readonly agent: Agent;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  post(body: unknown): Promise<PostAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { ...this.headers, 'content-type': 'application/json' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify(body));
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
