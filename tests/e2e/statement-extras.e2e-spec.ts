import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { StatementBuilder } from '@lr/testing';
import { clientWith, credentialsCli } from './credentials-cli';
import { RunningSystem, startSystem } from './system';

const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';

/** Attachments, signatures, the 1.0.3 alternate syntax, scopes and stores, over HTTP. */
describe('statement resource: attachments, signatures, alternate syntax, scopes and stores', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  const multipart = (statement: unknown, parts: { type: string; data: Buffer }[]) => {
    const boundary = 'e2eboundary';
    const chunks: Buffer[] = [
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n`,
      ),
    ];
    for (const part of parts) {
      const sha2 = createHash('sha256').update(part.data).digest('hex');
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Type: ${part.type}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
    chunks.push(Buffer.from(`--${boundary}--`));
    return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
  };

  const attachmentFor = (
    data: Buffer,
    usageType = 'https://odp.example.gov.uk/attachments/certificate',
    contentType = 'application/pdf',
  ) => ({
    usageType,
    display: { 'en-GB': 'certificate' },
    contentType,
    length: data.length,
    sha2: createHash('sha256').update(data).digest('hex'),
  });

  it('stores attachment bytes from multipart/mixed and returns them with attachments=true', async () => {
    const data = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const statement = StatementBuilder.aStatement()
      .withId()
      .with({ attachments: [attachmentFor(data)] })
      .build();
    const { body, contentType } = multipart(statement, [{ type: 'application/pdf', data }]);
    const posted = await system.client.request('/xapi/statements', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    expect(posted.status).toBe(200);

    const response = await system.client.request(
      `/xapi/statements?statementId=${statement.id as string}&attachments=true`,
    );
    expect(response.headers.get('content-type')).toMatch(
      /^multipart\/mixed; boundary=[A-Za-z0-9_-]+$/,
    );
    const raw = Buffer.from(await response.arrayBuffer());
    expect(raw.includes(data)).toBe(true);
  });

  it('refuses an attachment without its data, and data nobody declared', async () => {
    const data = Buffer.from('declared but missing');
    const statement = StatementBuilder.aStatement()
      .with({ attachments: [attachmentFor(data)] })
      .build();
    expect((await system.client.postStatements(statement)).status).toBe(400);
    const { body, contentType } = multipart(StatementBuilder.aStatement().build(), [
      { type: 'text/plain', data },
    ]);
    const extra = await system.client.request('/xapi/statements', {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    expect(extra.status).toBe(400);
  });

  it('accepts an RS256-signed statement and refuses one whose payload differs', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const statement = StatementBuilder.aStatement().withId().build();
    const jws = (payload: unknown) => {
      const head = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      const signature = sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString(
        'base64url',
      );
      return Buffer.from(`${head}.${body}.${signature}`);
    };
    const send = async (payload: unknown, id: string) => {
      const signature = jws(payload);
      const signed = {
        ...statement,
        id,
        attachments: [attachmentFor(signature, SIGNATURE, 'application/octet-stream')],
      };
      const { body, contentType } = multipart(signed, [
        { type: 'application/octet-stream', data: signature },
      ]);
      return system.client.request('/xapi/statements', {
        method: 'POST',
        body,
        headers: { 'content-type': contentType },
      });
    };
    expect((await send(statement, statement.id as string)).status).toBe(200);
    const other = randomUUID();
    expect(
      (await send({ ...statement, id: other, verb: { id: 'http://example/forged' } }, other))
        .status,
    ).toBe(400);
  });

  it('serves the 1.0.3 alternate request syntax and refuses it under 2.0', async () => {
    const id = randomUUID();
    const form = new URLSearchParams({
      statementId: id,
      content: JSON.stringify(StatementBuilder.aStatement().build()),
      'X-Experience-API-Version': '1.0.3',
      Authorization: `Basic ${Buffer.from(`${system.env.LRS_DEV_KEY}:${system.env.LRS_DEV_SECRET}`).toString('base64')}`,
    });
    const put = await fetch(`${system.lrs.baseUrl}/xapi/statements?method=PUT`, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(put.status).toBe(204);
    expect((await system.client.getStatement(id)).status).toBe(200);

    form.set('X-Experience-API-Version', '2.0.0');
    form.set('statementId', randomUUID());
    const refused = await fetch(`${system.lrs.baseUrl}/xapi/statements?method=PUT`, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(400);
  });

  describe('credentials, scopes and stores', () => {
    const credentials = (...args: string[]) => credentialsCli(system, ...args);
    const create = (store: string, scopes: string) => clientWith(system, store, scopes);

    it('enforces scopes: a read-only credential cannot write, a write-only one cannot read', async () => {
      const reader = await create('default', 'statements/read');
      const writer = await create('default', 'statements/write');
      expect((await reader.postStatements(StatementBuilder.aStatement().build())).status).toBe(403);
      expect((await writer.request('/xapi/statements')).status).toBe(403);
      const [id] = (await (
        await writer.postStatements(StatementBuilder.aStatement().build())
      ).json()) as string[];
      expect((await reader.getStatement(id!)).status).toBe(200);
    });

    it('never lets one store read another store\u2019s statements', async () => {
      const hmrc = await create('hmrc', 'all');
      const dwp = await create('dwp', 'all');
      const [id] = (await (
        await hmrc.postStatements(StatementBuilder.aStatement().build())
      ).json()) as string[];
      expect((await hmrc.getStatement(id!)).status).toBe(200);
      expect((await dwp.getStatement(id!)).status).toBe(404);
      const page = (await (await dwp.request('/xapi/statements')).json()) as {
        statements: { id: string }[];
      };
      expect(page.statements.map((s) => s.id)).not.toContain(id);
    });

    it('lists and revokes credentials', async () => {
      const out = JSON.parse(
        await credentials('create', '--name', 'to-revoke', '--store', 'default', '--scopes', 'all'),
      ) as {
        key: string;
      };
      const line = (listing: string) =>
        listing.split('\n').find((l) => l.includes(`"key":"${out.key}"`));
      expect(line(await credentials('list', '--store', 'default'))).toContain('"revoked":false');
      expect(await credentials('revoke', out.key)).toContain(`revoked ${out.key}`);
      expect(line(await credentials('list', '--store', 'default'))).toContain('"revoked":true');
    });
  });
});
