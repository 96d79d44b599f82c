import { Agent, request } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostOptions {
  readonly url: string;
  readonly key: string;
  readonly secret: string;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly onProgress: (posted: number) => void;
}

/** Posts statements in batches with bounded concurrency; retries 429 and 503 as asked. */
export async function postStatements(
  statements: readonly Record<string, unknown>[],
  options: PostOptions,
): Promise<number> {
  const endpoint = new URL(`${options.url.replace(/\/$/, '')}/statements`);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const auth = `Basic ${Buffer.from(`${options.key}:${options.secret}`).toString('base64')}`;
  let next = 0;
  let posted = 0;
  const worker = async () => {
    while (next < statements.length) {
      const batch = statements.slice(next, next + options.batchSize);
      next += batch.length;
      await postWithRetry(
        endpoint,
        auth,
        agent,
        JSON.stringify(batch.length === 1 ? batch[0] : batch),
      );
      posted += batch.length;
      options.onProgress(posted);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return posted;
}

async function postWithRetry(
  endpoint: URL,
  auth: string,
  agent: Agent,
  body: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { status, retryAfter, text } = await post(endpoint, auth, agent, body);
    if (status === 200 || status === 204) return;
    if ((status === 429 || status === 503 || status === 0) && attempt < 20) {
      await new Promise((r) => setTimeout(r, (retryAfter ?? 1) * 1000));
      continue;
    }
    throw new Error(`POST ${endpoint.href} answered ${status}: ${text.slice(0, 500)}`);
  }
}

function post(endpoint: URL, auth: string, agent: Agent, body: string) {
  return new Promise<{ status: number; retryAfter?: number; text: string }>((resolve) => {
    const send = endpoint.protocol === 'https:' ? httpsRequest : request;
    const req = send(
      endpoint,
      {
        method: 'POST',
        ...(endpoint.protocol === 'https:' ? {} : { agent }),
        headers: {
          authorization: auth,
          'x-experience-api-version': '2.0.0',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const retry = Number(res.headers['retry-after']);
          resolve({
            status: res.statusCode ?? 0,
            ...(retry > 0 ? { retryAfter: retry } : {}),
            text,
          });
        });
      },
    );
    req.on('error', (error) => resolve({ status: 0, text: String(error) }));
    req.end(body);
  });
}
