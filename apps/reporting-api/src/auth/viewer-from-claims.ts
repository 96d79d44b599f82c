import { UnauthorizedException } from '@nestjs/common';
import { agentKey } from '@lr/xapi';
import { JwtClaims } from './jwt-verifier';
import { Role, ROLES, Viewer } from './viewer';

/**
 * The viewer a token describes. Claims: `role`, `store`, `learner` (an xAPI Agent: who a learner
 * or line manager is) and `department` (a department admin's department).
 */
export function viewerFromClaims(claims: JwtClaims): Viewer {
  const role = claims.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new UnauthorizedException(`token role must be one of ${ROLES.join(', ')}`);
  }
  if (typeof claims.store !== 'string' || claims.store.length === 0) {
    throw new UnauthorizedException('token has no store');
  }
  const storeId = claims.store;
  const agent = agentKey(claims.learner);
  const needsLearner = role === 'learner' || role === 'line-manager';
  if (needsLearner && !agent)
    throw new UnauthorizedException(`a ${role} token needs a learner agent`);
  const department = typeof claims.department === 'string' ? claims.department : undefined;
  if (role === 'department-admin' && !department) {
    throw new UnauthorizedException('a department-admin token needs a department');
  }
  return {
    subject: typeof claims.sub === 'string' ? claims.sub : '',
    role: role as Role,
    storeId,
    ...(agent ? { learnerKey: `${storeId}|${agent}` } : {}),
    ...(department ? { department } : {}),
  };
}
