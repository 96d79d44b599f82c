import { ForbiddenException } from '@nestjs/common';
import { LearnerDocument } from '@lr/learning';
import {
  analyticsDepartmentFor,
  assertMayReadDepartment,
  assertMayReadLearner,
} from './scope-policy';
import { Viewer } from './viewer';

const learner = (key: string, department: string, managerKey?: string): LearnerDocument =>
  ({
    _id: `s1|${key}`,
    storeId: 's1',
    profile: { department },
    ...(managerKey ? { managerKey: `s1|${managerKey}` } : {}),
  }) as LearnerDocument;

const ada = learner('ada', 'HMPO', 'boss');
const cy = learner('cy', 'DVLA');
const viewers: Record<string, Viewer> = {
  self: { subject: 'a', role: 'learner', storeId: 's1', learnerKey: 's1|ada' },
  manager: { subject: 'b', role: 'line-manager', storeId: 's1', learnerKey: 's1|boss' },
  hmpo: { subject: 'c', role: 'department-admin', storeId: 's1', department: 'HMPO' },
  admin: { subject: 'd', role: 'profession-admin', storeId: 's1' },
  otherStore: { subject: 'e', role: 'profession-admin', storeId: 's2' },
};

const may = (check: () => unknown) => {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof ForbiddenException) return false;
    throw error;
  }
};

describe('scope policy', () => {
  it.each([
    ['self', ada, true],
    ['self', cy, false],
    ['manager', ada, true],
    ['manager', cy, false],
    ['hmpo', ada, true],
    ['hmpo', cy, false],
    ['admin', cy, true],
    ['otherStore', ada, false],
  ] as const)('%s reading %s: %s', (viewer, doc, allowed) => {
    expect(may(() => assertMayReadLearner(viewers[viewer]!, doc))).toBe(allowed);
  });

  it('gives departments to their admin and the profession admin only', () => {
    expect(may(() => assertMayReadDepartment(viewers.hmpo!, 'HMPO'))).toBe(true);
    expect(may(() => assertMayReadDepartment(viewers.hmpo!, 'DVLA'))).toBe(false);
    expect(may(() => assertMayReadDepartment(viewers.manager!, 'HMPO'))).toBe(false);
    expect(may(() => assertMayReadDepartment(viewers.admin!, 'DVLA'))).toBe(true);
  });

  it('pins a department admin’s analytics to their department and refuses learners', () => {
    expect(analyticsDepartmentFor(viewers.hmpo!, undefined)).toBe('HMPO');
    expect(may(() => analyticsDepartmentFor(viewers.hmpo!, 'DVLA'))).toBe(false);
    expect(analyticsDepartmentFor(viewers.admin!, 'DVLA')).toBe('DVLA');
    expect(may(() => analyticsDepartmentFor(viewers.self!, undefined))).toBe(false);
    expect(may(() => analyticsDepartmentFor(viewers.manager!, undefined))).toBe(false);
  });
});
