import { ApiError, ReportingApi } from './api.js';
import { byId, el } from './dom.js';
import { Filters, loadClaims, loadFigures, QualificationRow } from './figures.js';
import { LearnerPicker } from './learner-picker.js';
import { saveToken, takeToken, tokenInfo } from './token.js';

const status = byId<HTMLElement>('status');
const main = byId<HTMLElement>('main');
const filtersForm = byId<HTMLFormElement>('filters');
const qualificationSelect = byId<HTMLSelectElement>('qualification');

let api: ReportingApi | undefined;

function say(text: string, isError = false): void {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function explain(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401)
      return `The API refused the token: ${error.message}. Paste a fresh one.`;
    if (error.status === 403) return 'These figures are outside what your token may read.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function filters(): Filters {
  const data = new FormData(filtersForm);
  const value = (name: string) => {
    const text = data.get(name);
    return typeof text === 'string' && text !== '' ? text : undefined;
  };
  return { qualification: value('qualification'), from: value('from'), to: value('to') };
}

function offerQualifications(rows: readonly QualificationRow[]): void {
  if (qualificationSelect.options.length > 1) return;
  qualificationSelect.append(
    ...rows.map((row) => el('option', { value: row.key }, `${row.name} (${row.key})`)),
  );
}

async function refreshFigures(): Promise<void> {
  if (!api) return;
  say('Loading figures…');
  try {
    offerQualifications(await loadFigures(api, filters()));
    say(`Figures as of ${new Date().toLocaleTimeString('en-GB')}.`);
  } catch (error) {
    say(explain(error), true);
  }
}

async function start(token: string): Promise<void> {
  api = new ReportingApi(token);
  const info = tokenInfo(token);
  byId('viewer').textContent =
    `Signed in as ${info.role}${info.department ? ` (${info.department})` : ''}.`;
  main.hidden = false;
  const isAdmin = info.role === 'profession-admin' || info.role === 'department-admin';
  for (const section of document.querySelectorAll<HTMLElement>('[data-admin]'))
    section.hidden = !isAdmin;
  const picker = new LearnerPicker(api, info);
  const claims = isAdmin ? loadClaims(api) : Promise.resolve();
  await Promise.all([
    isAdmin ? refreshFigures() : Promise.resolve(say('Your own progress is below.')),
    claims.catch((error: unknown) => say(explain(error), true)),
    picker.start().catch((error: unknown) => say(explain(error), true)),
  ]);
  document.body.dataset.loaded = 'true';
}

byId<HTMLFormElement>('token-form').onsubmit = (event) => {
  event.preventDefault();
  const input = byId<HTMLInputElement>('token');
  const token = input.value.trim();
  if (!token) return say('Paste a token first.', true);
  saveToken(token);
  input.value = '';
  void start(token);
};

filtersForm.onsubmit = (event) => {
  event.preventDefault();
  void refreshFigures();
};

const saved = takeToken();
if (saved) void start(saved);
else say('Paste a reporting API token to see the figures.');
