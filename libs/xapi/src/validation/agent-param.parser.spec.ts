import { parseAgentParam } from './agent-param.parser';

describe('parseAgentParam', () => {
  it.each([
    [
      'an Agent by mbox',
      '{"objectType":"Agent","name":"xAPI mbox","mbox":"mailto:xapi@adlnet.gov"}',
    ],
    [
      'an Agent without objectType',
      '{"account":{"homePage":"http://www.example.com","name":"1625378"}}',
    ],
    ['an identified Group', '{"objectType":"Group","openid":"http://openid.example.org/12345"}'],
    [
      'an identified Group with members',
      '{"objectType":"Group","mbox":"mailto:t@example.com","member":[{"mbox":"mailto:a@example.com"}]}',
    ],
  ])('accepts %s and returns it parsed', (_case, json) => {
    expect(parseAgentParam(json, '2.0.0')).toEqual({
      ok: true,
      agent: JSON.parse(json) as unknown,
    });
  });

  it.each([
    ['text that is not JSON', 'wrong', 'agent'],
    ['a JSON string', '"mailto:xapi@adlnet.gov"', 'agent'],
    ['an Agent without IFI', '{"objectType":"Agent","name":"Ann"}', 'agent'],
    [
      'an Agent with two IFIs',
      '{"mbox":"mailto:a@example.com","openid":"http://openid.example.org/1"}',
      'agent',
    ],
    ['an account without homePage', '{"account":{"name":"1625378"}}', 'agent.account.homePage'],
    [
      'an anonymous Group',
      '{"objectType":"Group","member":[{"mbox":"mailto:a@example.com"}]}',
      'agent',
    ],
    ['an unknown property', '{"mbox":"mailto:a@example.com","role":"x"}', 'agent.role'],
  ])('rejects %s', (_case, json, path) => {
    const result = parseAgentParam(json, '1.0.3');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.failure).toMatchObject({ path, message: expect.any(String) as string });
  });
});
