import { loadCatalogue } from '@lr/catalogue';
import { claimIdOf, LearnerDocument, registrationClaimIdOf } from '@lr/learning';
import { toLearnerProgressDto, toLearnerSummaryDto } from './learner-progress.dto';

const KEY = 'default|Agent|mbox:mailto:ada@example.gov.uk';
const agent = { mbox: 'mailto:ada@example.gov.uk', name: 'Ada' };
const qualification = (code: string) => ({
  qualification: code,
  level: 2,
  status: 'achieved' as const,
  units: [],
  percentComplete: 100,
  attemptCount: 1,
  passedFirstTime: true,
  passedAllAttempted: true,
});
const doc = {
  _id: KEY,
  storeId: 'default',
  agent,
  qualifications: [qualification('ODP-L2-CS'), qualification('ODP-L2-OD')],
  updatedAt: '2026-01-01T00:00:00.000Z',
} as unknown as LearnerDocument;

describe('learner DTOs', () => {
  it('shows each qualification’s registration and certificate claim as the gateway has it', () => {
    const claims = new Map([
      [registrationClaimIdOf(KEY, 'ODP-L2-CS'), { _id: 'r', status: 'acknowledged' }],
      [claimIdOf(KEY, 'ODP-L2-CS'), { _id: 'c', status: 'sent' }],
      [registrationClaimIdOf(KEY, 'ODP-L2-OD'), { _id: 'r2', status: 'dead' }],
    ]);
    const dto = toLearnerProgressDto(doc, loadCatalogue(), claims);
    expect(dto.qualifications.map((q) => q.accreditationClaims)).toEqual([
      { registration: 'acknowledged', certificate: 'sent' },
      { registration: 'dead', certificate: null },
    ]);
    expect(dto.qualifications.map((q) => q.certification.status)).toEqual([
      'claimed',
      'not-claimed',
    ]);
  });

  it('gives the learner’s agent in a summary, to ask for their progress with', () => {
    expect(toLearnerSummaryDto(doc)).toMatchObject({
      learnerKey: KEY,
      learner: agent,
      name: 'Ada',
    });
  });
});
