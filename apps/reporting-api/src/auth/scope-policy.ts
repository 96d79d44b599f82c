import { ForbiddenException } from '@nestjs/common';
import { LearnerDocument } from '@lr/learning';
import { Viewer } from './viewer';

/**
 * Who may read what: a learner only themself, a line manager themself and their reports, a
 * department admin their department, a profession admin everything, always within their store.
 */
export function assertMayReadLearner(viewer: Viewer, learner: LearnerDocument): void {
  if (learner.storeId !== viewer.storeId) throw forbidden();
  if (viewer.learnerKey === learner._id) return;
  switch (viewer.role) {
    case 'profession-admin':
      return;
    case 'department-admin':
      if (learner.profile?.department === viewer.department) return;
      throw forbidden();
    case 'line-manager':
      if (learner.managerKey === viewer.learnerKey) return;
      throw forbidden();
    case 'learner':
      throw forbidden();
  }
}

export function assertMayReadDepartment(viewer: Viewer, department: string): void {
  if (viewer.role === 'profession-admin') return;
  if (viewer.role === 'department-admin' && viewer.department === department) return;
  throw forbidden();
}

/**
 * Analytics are for admins: a department admin's figures are always their department's, and
 * asking for another department is refused rather than silently narrowed.
 */
export function analyticsDepartmentFor(
  viewer: Viewer,
  asked: string | undefined,
): string | undefined {
  if (viewer.role === 'profession-admin') return asked;
  if (viewer.role === 'department-admin') {
    if (asked !== undefined && asked !== viewer.department) throw forbidden();
    return viewer.department;
  }
  throw forbidden();
}

function forbidden(): ForbiddenException {
  return new ForbiddenException('outside your reporting scope');
}
