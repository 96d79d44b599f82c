import { personOf } from './person';

describe('personOf', () => {
  it('combines names and identifiers of linked agents without repeats', () => {
    expect(
      personOf([
        { name: 'Ann Smith', mbox: 'mailto:ann@example.gov.uk' },
        { name: 'Ann Smith', account: { homePage: 'https://hr.example.gov.uk', name: 'E123' } },
        { mbox: 'mailto:ann@example.gov.uk' },
      ]),
    ).toEqual({
      objectType: 'Person',
      name: ['Ann Smith'],
      mbox: ['mailto:ann@example.gov.uk'],
      account: [{ homePage: 'https://hr.example.gov.uk', name: 'E123' }],
    });
  });
});
