import { Catalogue } from '@lr/catalogue';
import { ConsumedMessage } from '@lr/messaging';
import {
  decodeRetraction,
  factOf,
  LEARNING_RETRACTION_V1,
  LearningFact,
  VERBS,
} from '@lr/learning';
import {
  decodeStatementRecorded,
  isJsonObject,
  isStatementRecord,
  learnerKey,
  recordTypeOf,
} from '@lr/xapi';

export interface LearnerWork {
  readonly learnerKey: string;
  readonly storeId: string;
  agent?: Readonly<Record<string, unknown>>;
  readonly add: LearningFact[];
  readonly retract: string[];
}

export interface VoidRequest {
  readonly storeId: string;
  readonly target: string;
  readonly voidedBy: string;
}

export interface BatchPlan {
  readonly learners: Map<string, LearnerWork>;
  readonly voids: VoidRequest[];
}

/**
 * Sorts one partition's records into per-learner work: facts to add, facts to retract, and
 * voidings to resolve. Records the projections cannot use are skipped, never an error: the
 * statement store and its dead-letter topic are where malformed records are dealt with.
 */
export function planBatch(messages: readonly ConsumedMessage[], catalogue: Catalogue): BatchPlan {
  const plan: BatchPlan = { learners: new Map(), voids: [] };
  for (const message of messages) {
    if (isStatementRecord(message.headers)) planStatement(plan, message, catalogue);
    else if (recordTypeOf(message.headers) === LEARNING_RETRACTION_V1) {
      const retraction = decodeRetraction(message.value);
      if (retraction)
        workFor(plan, retraction.learnerKey, retraction.storeId).retract.push(
          retraction.statementId,
        );
    }
  }
  return plan;
}

function planStatement(plan: BatchPlan, message: ConsumedMessage, catalogue: Catalogue): void {
  let record;
  try {
    record = decodeStatementRecorded(message.value);
  } catch {
    return;
  }
  const { storeId, statement } = record;
  const voided = voidedTarget(statement);
  if (voided) {
    plan.voids.push({ storeId, target: voided, voidedBy: statement.id });
    return;
  }
  const actor = statement.actor;
  if (!isJsonObject(actor) || actor.objectType === 'Group') return;
  const fact = factOf(statement, catalogue);
  if (!fact) return;
  const work = workFor(plan, learnerKey(storeId, actor), storeId);
  work.agent = actor;
  work.add.push(fact);
}

function voidedTarget(statement: Readonly<Record<string, unknown>>): string | undefined {
  const verb = isJsonObject(statement.verb) ? statement.verb.id : undefined;
  const object = statement.object;
  if (verb !== VERBS.voided || !isJsonObject(object) || object.objectType !== 'StatementRef') {
    return undefined;
  }
  // Statement ids are stored lower-case; a voiding may name its target in any case.
  return typeof object.id === 'string' ? object.id.toLowerCase() : undefined;
}

function workFor(plan: BatchPlan, key: string, storeId: string): LearnerWork {
  let work = plan.learners.get(key);
  if (!work) {
    work = { learnerKey: key, storeId, add: [], retract: [] };
    plan.learners.set(key, work);
  }
  return work;
}
