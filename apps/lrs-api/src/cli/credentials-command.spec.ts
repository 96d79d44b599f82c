import { parseCredentialsCommand } from './credentials-command';

describe('parseCredentialsCommand', () => {
  it('creates with a name, a store and scopes', () => {
    expect(
      parseCredentialsCommand([
        'create',
        '--name',
        'moodle',
        '--store',
        'hmrc',
        '--scopes',
        'statements/write,state',
      ]),
    ).toEqual({
      kind: 'create',
      name: 'moodle',
      storeId: 'hmrc',
      scopes: ['statements/write', 'state'],
      key: undefined,
    });
  });

  it('defaults to the default store and write plus read-mine', () => {
    expect(parseCredentialsCommand(['create', '--name', 'x'])).toMatchObject({
      storeId: 'default',
      scopes: ['statements/write', 'statements/read/mine'],
    });
  });

  it('lists and revokes', () => {
    expect(parseCredentialsCommand(['list', '--store', 's'])).toEqual({
      kind: 'list',
      storeId: 's',
    });
    expect(parseCredentialsCommand(['revoke', 'k-1'])).toEqual({ kind: 'revoke', key: 'k-1' });
  });

  it('refuses unknown scopes and verbs with the usage', () => {
    expect(() => parseCredentialsCommand(['create', '--name', 'x', '--scopes', 'root'])).toThrow(
      'unknown scope root',
    );
    expect(() => parseCredentialsCommand(['explode'])).toThrow('usage:');
  });
});
