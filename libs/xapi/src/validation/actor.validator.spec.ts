import { actorFailure, agentFailure, groupFailure } from './actor.validator';
import { ValidationFailure } from './validation-failure';

const MBOX = 'mailto:xapi@adlnet.gov';
const SHA1 = 'cd9b00a5611f94eaa7b1661edab976068e364975';
const OPENID = 'http://openid.example.org/12345';
const ACCOUNT = { homePage: 'http://www.example.com', name: 'xAPI account name' };
const MEMBER = { objectType: 'Agent', mbox: 'mailto:member@example.com' };

/** [case, value, path of the expected failure ('' for the object itself) or null for valid] */
type Row = [string, unknown, string | null];

function check(
  validate: (value: unknown) => ValidationFailure | null,
  value: unknown,
  path: string | null,
) {
  const result = validate(value);
  if (path === null) expect(result).toBeNull();
  else expect(result).toMatchObject({ path, message: expect.any(String) as string });
}

describe('Agents', () => {
  it.each<Row>([
    ['mbox', { mbox: MBOX }, null],
    ['mbox_sha1sum', { mbox_sha1sum: SHA1 }, null],
    ['upper-case mbox_sha1sum', { mbox_sha1sum: SHA1.toUpperCase() }, null],
    ['openid', { openid: OPENID }, null],
    ['account', { account: ACCOUNT }, null],
    ['objectType and name', { objectType: 'Agent', name: 'Ann', mbox: MBOX }, null],
    ['no identifier', { objectType: 'Agent', name: 'Ann' }, ''],
    ['mbox with account', { mbox: MBOX, account: ACCOUNT }, ''],
    ['mbox with mbox_sha1sum', { mbox: MBOX, mbox_sha1sum: SHA1 }, ''],
    ['openid with mbox_sha1sum', { openid: OPENID, mbox_sha1sum: SHA1 }, ''],
    ['mbox without mailto', { mbox: 'xapi@adlnet.gov' }, 'mbox'],
    ['mbox with another scheme', { mbox: 'http://should.fail.com' }, 'mbox'],
    ['mbox without @', { mbox: 'mailto:should.fail.com' }, 'mbox'],
    ['a short mbox_sha1sum', { mbox_sha1sum: SHA1.slice(1) }, 'mbox_sha1sum'],
    ['a non-hex mbox_sha1sum', { mbox_sha1sum: `${SHA1.slice(1)}g` }, 'mbox_sha1sum'],
    ['openid without scheme', { openid: 'open.id.com/testUser' }, 'openid'],
    ['a numeric name', { name: 42, mbox: MBOX }, 'name'],
    ['a null name', { name: null, mbox: MBOX }, 'name'],
    ['a member property', { mbox: MBOX, member: [MEMBER] }, 'member'],
    ['an unknown property', { mbox: MBOX, key: 'value' }, 'key'],
    ['a lower-case objectType', { objectType: 'agent', mbox: MBOX }, 'objectType'],
    ['account without homePage', { account: { name: 'x' } }, 'account.homePage'],
    ['account without name', { account: { homePage: 'http://www.example.com' } }, 'account.name'],
    [
      'account homePage without scheme',
      { account: { ...ACCOUNT, homePage: 'homePage.com/u' } },
      'account.homePage',
    ],
    ['account name as an object', { account: { ...ACCOUNT, name: { key: 'x' } } }, 'account.name'],
    ['account with an extra property', { account: { ...ACCOUNT, id: 'x' } }, 'account.id'],
    ['account as a string', { account: 'x' }, 'account'],
    ['a string', 'agent', ''],
  ])('%s', (_case, value, path) => check(agentFailure, value, path));

  it('refuses a Group where only an Agent may go', () => {
    check(agentFailure, { objectType: 'Group', mbox: MBOX }, 'objectType');
  });
});

describe('Groups', () => {
  it.each<Row>([
    ['anonymous with members', { objectType: 'Group', name: 'Team', member: [MEMBER] }, null],
    ['identified by mbox', { objectType: 'Group', mbox: MBOX }, null],
    ['identified by mbox_sha1sum', { objectType: 'Group', mbox_sha1sum: SHA1 }, null],
    ['identified by openid', { objectType: 'Group', openid: OPENID }, null],
    [
      'identified by account with members',
      { objectType: 'Group', account: ACCOUNT, member: [MEMBER] },
      null,
    ],
    ['identified with an empty member list', { objectType: 'Group', mbox: MBOX, member: [] }, null],
    ['members without objectType', { objectType: 'Group', member: [{ mbox: MBOX }] }, null],
    ['anonymous without members', { objectType: 'Group', name: 'Team' }, 'member'],
    ['anonymous with an empty member list', { objectType: 'Group', member: [] }, 'member'],
    ['member as an object', { objectType: 'Group', member: MEMBER }, 'member'],
    [
      'a Group as a member',
      { objectType: 'Group', member: [{ objectType: 'Group', mbox: MBOX }] },
      'member[0].objectType',
    ],
    [
      'an invalid member',
      { objectType: 'Group', member: [MEMBER, { name: 'no IFI' }] },
      'member[1]',
    ],
    ['two identifiers', { objectType: 'Group', mbox: MBOX, openid: OPENID }, ''],
    ['an unknown property', { objectType: 'Group', mbox: MBOX, key: 'x' }, 'key'],
  ])('%s', (_case, value, path) => check(actorFailure, value, path));

  it('requires objectType "Group" where only a Group may go (team)', () => {
    check(groupFailure, { mbox: MBOX }, 'objectType');
    check(groupFailure, { objectType: 'Group', mbox: MBOX }, null);
  });

  it('refuses an unknown objectType for an actor', () => {
    check(actorFailure, { objectType: 'Person', mbox: MBOX }, 'objectType');
  });
});
