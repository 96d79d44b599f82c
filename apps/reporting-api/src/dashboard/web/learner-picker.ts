import { ReportingApi } from './api.js';
import { byId, el } from './dom.js';
import { LearnerProgress, renderJourney } from './journey.js';
import { TokenInfo } from './token.js';

interface LearnerPage {
  readonly items: readonly { learner: Record<string, unknown>; name: string | null }[];
}

interface DepartmentRow {
  readonly key: string;
  readonly name: string;
  readonly registrations: number;
}

/**
 * Choosing a learner: a department, then one of its learners, or an email address typed in.
 * Learners and line managers see their own journey straight away.
 */
export class LearnerPicker {
  private readonly department = byId<HTMLSelectElement>('department');
  private readonly learner = byId<HTMLSelectElement>('learner');
  private readonly email = byId<HTMLInputElement>('learner-email');
  private readonly output = byId<HTMLElement>('journey');

  constructor(
    private readonly api: ReportingApi,
    private readonly info: TokenInfo,
  ) {
    this.department.onchange = () => void this.guard(() => this.loadLearners());
    byId<HTMLFormElement>('journey-form').onsubmit = (event) => {
      event.preventDefault();
      void this.guard(() => this.show());
    };
  }

  async start(): Promise<void> {
    if (this.info.role === 'learner' || this.info.role === 'line-manager') {
      byId('journey-form').hidden = true;
      return this.render(await this.api.get<LearnerProgress>('/v1/learners/me/progress'));
    }
    const departments =
      this.info.role === 'department-admin' && this.info.department
        ? [{ key: this.info.department, name: this.info.department }]
        : (
            await this.api.get<DepartmentRow[]>('/v1/analytics/breakdown', { by: 'department' })
          ).filter((row) => row.registrations > 0);
    this.department.replaceChildren(
      el('option', { value: '' }, 'Choose a department'),
      ...departments.map((d) => el('option', { value: d.key }, d.name)),
    );
  }

  private async loadLearners(): Promise<void> {
    const code = this.department.value;
    this.learner.replaceChildren(
      el('option', { value: '' }, code ? 'Loading…' : 'Choose a department first'),
    );
    if (!code) return;
    const page = await this.api.get<LearnerPage>(
      `/v1/departments/${encodeURIComponent(code)}/learners`,
      { limit: '200' },
    );
    this.learner.replaceChildren(
      el('option', { value: '' }, `Choose one of ${page.items.length} learners`),
      ...page.items.map((item) =>
        el('option', { value: JSON.stringify(item.learner) }, item.name ?? mboxOf(item.learner)),
      ),
    );
  }

  private async show(): Promise<void> {
    const email = this.email.value.trim();
    const agent = email ? JSON.stringify({ mbox: `mailto:${email}` }) : this.learner.value;
    if (!agent) {
      this.output.replaceChildren(
        el('p', { class: 'error', role: 'alert' }, 'Choose a learner or type their email address.'),
      );
      return;
    }
    this.render(await this.api.get<LearnerProgress>('/v1/learners/progress', { agent }));
  }

  private render(progress: LearnerProgress): void {
    this.output.replaceChildren(renderJourney(progress));
    // Keyboard and screen-reader users land on what they asked for.
    const heading = byId('journey-learner');
    heading.tabIndex = -1;
    heading.focus();
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.output.replaceChildren(el('p', { class: 'error', role: 'alert' }, message));
    }
  }
}

function mboxOf(agent: Record<string, unknown>): string {
  return typeof agent.mbox === 'string' ? agent.mbox.replace(/^mailto:/, '') : 'unnamed learner';
}
