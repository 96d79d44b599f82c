import { dataTable, el } from './dom.js';
import { dayLabel } from './format.js';

interface Unit {
  readonly code: string;
  readonly title: string;
  readonly status: string;
  readonly activitiesFinished: number;
  readonly activitiesTotal: number;
  readonly attempts: number;
  readonly firstAttemptPassed: boolean | null;
}

export interface QualificationProgress {
  readonly code: string;
  readonly title: string;
  readonly level: number;
  readonly awardingBody: string;
  readonly status: string;
  readonly registeredAt: string | null;
  readonly percentComplete: number;
  readonly units: readonly Unit[];
  readonly assessment: { readonly attempts: number; readonly passedFirstTime: boolean };
  readonly achievedAt: string | null;
  readonly certification: { readonly status: string; readonly certificateNumber: string | null };
  readonly accreditationClaims: {
    readonly registration: string | null;
    readonly certificate: string | null;
  };
}

export interface LearnerProgress {
  readonly learner: { readonly name?: string; readonly mbox?: string };
  readonly department: string | null;
  readonly grade: string | null;
  readonly qualifications: readonly QualificationProgress[];
}

type State = 'done' | 'started' | 'waiting' | 'stopped';
const STATE_TEXT: Record<State, string> = {
  done: 'Done',
  started: 'In progress',
  waiting: 'Not yet',
  stopped: 'Needs attention',
};

interface Step {
  readonly name: string;
  readonly state: State;
  readonly detail: string;
}

const BODIES: Record<string, string> = { 'city-and-guilds': 'City & Guilds', cmi: 'CMI' };

/** A learner's way from registration to certificate, one list of steps per qualification. */
export function renderJourney(progress: LearnerProgress): HTMLElement {
  const who = progress.learner.name ?? progress.learner.mbox?.replace(/^mailto:/, '') ?? 'Learner';
  const facts = [progress.department, progress.grade].filter(Boolean).join(', ');
  return el(
    'div',
    { class: 'journey' },
    el('h3', { id: 'journey-learner' }, facts ? `${who} (${facts})` : who),
    ...progress.qualifications.map(renderQualification),
  );
}

function renderQualification(q: QualificationProgress): HTMLElement {
  const body = BODIES[q.awardingBody] ?? q.awardingBody;
  return el(
    'article',
    { class: 'qualification', 'data-qualification': q.code },
    el('h4', {}, `${q.title} (${q.code}, level ${q.level}, ${body})`),
    el(
      'ol',
      { class: 'steps' },
      ...stepsOf(q, body).map((step) =>
        el(
          'li',
          { class: `step ${step.state}`, 'data-step': step.name },
          el('span', { class: 'step-name' }, step.name),
          el('span', { class: 'step-state' }, STATE_TEXT[step.state]),
          el('span', { class: 'step-detail' }, step.detail),
        ),
      ),
    ),
    el(
      'details',
      {},
      el('summary', {}, `Units of ${q.code}`),
      dataTable(
        `Units of ${q.title}`,
        ['Unit', 'Status', 'Activities finished', 'Assessment attempts', 'First attempt'],
        q.units.map((unit) => ({
          key: unit.code,
          cells: [
            `${unit.title} (${unit.code})`,
            unit.status,
            `${unit.activitiesFinished} of ${unit.activitiesTotal}`,
            String(unit.attempts),
            unit.firstAttemptPassed === null ? '–' : unit.firstAttemptPassed ? 'passed' : 'failed',
          ],
        })),
      ),
    ),
  );
}

function stepsOf(q: QualificationProgress, body: string): Step[] {
  const unitsDone = q.units.filter((unit) => unit.status === 'completed').length;
  const registration = q.accreditationClaims.registration;
  const certificate = q.accreditationClaims.certificate;
  return [
    {
      name: 'Registered',
      state: q.registeredAt ? 'done' : 'waiting',
      detail: dayLabel(q.registeredAt),
    },
    {
      name: `Registered with ${body}`,
      state: claimState(registration),
      detail: registration ?? 'no claim yet',
    },
    {
      name: 'Units',
      state: q.achievedAt ? 'done' : unitsDone > 0 || q.percentComplete > 0 ? 'started' : 'waiting',
      detail: `${unitsDone} of ${q.units.length} complete, ${q.percentComplete}% of the work`,
    },
    {
      name: 'Assessment',
      state: q.achievedAt ? 'done' : q.assessment.attempts > 0 ? 'started' : 'waiting',
      detail: `${q.assessment.attempts} attempts; ${q.assessment.passedFirstTime ? 'passed first time' : 'not passed first time'}`,
    },
    { name: 'Achieved', state: q.achievedAt ? 'done' : 'waiting', detail: dayLabel(q.achievedAt) },
    {
      name: 'Certificate',
      state: claimState(certificate),
      detail: certificate
        ? `${certificate}${q.certification.certificateNumber ? `, number ${q.certification.certificateNumber}` : ''}`
        : 'no claim yet',
    },
  ];
}

function claimState(status: string | null): State {
  if (status === 'acknowledged') return 'done';
  if (status === 'pending' || status === 'sent') return 'started';
  if (status === 'rejected' || status === 'dead') return 'stopped';
  return 'waiting';
}
