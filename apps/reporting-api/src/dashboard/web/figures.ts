import { ReportingApi } from './api.js';
import { barChart, MonthlyPoint } from './bar-chart.js';
import { dataTable, el } from './dom.js';
import { count, percent } from './format.js';

export interface Summary {
  readonly registrations: number;
  readonly onProgramme: number;
  readonly completions: number;
  readonly assessed: number;
  readonly passRate: number | null;
  readonly firstTimePassRate: number | null;
}

export interface QualificationRow extends Summary {
  readonly key: string;
  readonly name: string;
}

interface ClaimsSummary {
  readonly total: number;
  readonly byStatus: readonly {
    status: string;
    registration: number;
    certificate: number;
    total: number;
  }[];
}

export interface Filters {
  readonly qualification?: string;
  readonly from?: string;
  readonly to?: string;
}

/** The programme's monthly target for new registrations. */
export const REGISTRATION_TARGET = 500;

/** The analytics sections: headline figures, both monthly charts and the table by qualification. */
export async function loadFigures(
  api: ReportingApi,
  filters: Filters,
): Promise<QualificationRow[]> {
  const period = { from: filters.from, to: filters.to };
  const [summary, registrations, completions, byQualification] = await Promise.all([
    api.get<Summary>('/v1/analytics/summary', { ...filters }),
    api.get<MonthlyPoint[]>('/v1/analytics/monthly', { ...filters, metric: 'registrations' }),
    api.get<MonthlyPoint[]>('/v1/analytics/monthly', { ...filters, metric: 'completions' }),
    api.get<QualificationRow[]>('/v1/analytics/breakdown', { ...period, by: 'qualification' }),
  ]);
  showSummary(summary);
  replace(
    'registrations',
    barChart({
      id: 'registrations-chart',
      measure: 'Registrations',
      points: registrations,
      reference: { value: REGISTRATION_TARGET, label: `Target: ${REGISTRATION_TARGET} a month` },
    }),
  );
  replace(
    'completions',
    barChart({ id: 'completions-chart', measure: 'Completions', points: completions }),
  );
  replace('by-qualification', qualificationTable(byQualification));
  return byQualification;
}

export async function loadClaims(api: ReportingApi): Promise<void> {
  const claims = await api.get<ClaimsSummary>('/v1/accreditation/claims/summary');
  replace(
    'claims',
    dataTable(
      `Accreditation claims by status: ${count(claims.total)} in all`,
      ['Status', 'Registration claims', 'Certificate claims', 'All claims'],
      claims.byStatus.map((row) => ({
        key: row.status,
        cells: [row.status, count(row.registration), count(row.certificate), count(row.total)],
      })),
    ),
  );
}

function showSummary(summary: Summary): void {
  const shown: Record<string, string> = {
    registrations: count(summary.registrations),
    onProgramme: count(summary.onProgramme),
    completions: count(summary.completions),
    passRate: percent(summary.passRate),
    firstTimePassRate: percent(summary.firstTimePassRate),
  };
  for (const element of document.querySelectorAll<HTMLElement>('[data-figure]')) {
    element.textContent = shown[element.dataset.figure ?? ''] ?? '–';
  }
}

/** Qualifications anyone has registered for, in catalogue order. */
function qualificationTable(rows: readonly QualificationRow[]): HTMLElement {
  const active = rows.filter((row) => row.registrations > 0 || row.completions > 0);
  if (active.length === 0) return el('p', { class: 'empty' }, 'No registrations in this period.');
  return dataTable(
    'Registrations, completions and pass rates by qualification',
    [
      'Qualification',
      'Registrations',
      'On programme',
      'Completions',
      'Pass rate',
      'First-time pass rate',
    ],
    active.map((row) => ({
      key: row.key,
      cells: [
        `${row.name} (${row.key})`,
        count(row.registrations),
        count(row.onProgramme),
        count(row.completions),
        percent(row.passRate),
        percent(row.firstTimePassRate),
      ],
    })),
  );
}

function replace(id: string, content: HTMLElement): void {
  document.getElementById(id)?.replaceChildren(content);
}
