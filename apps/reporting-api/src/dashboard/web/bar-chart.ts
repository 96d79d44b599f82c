import { axisTicks, labelEvery } from './chart-scale.js';
import { dataTable, el, svg } from './dom.js';
import { count, monthLabel } from './format.js';

export interface MonthlyPoint {
  readonly month: string;
  readonly count: number;
}

export interface BarChartOptions {
  readonly id: string;
  /** What is counted, e.g. "Registrations": the table's column and the description's noun. */
  readonly measure: string;
  readonly points: readonly MonthlyPoint[];
  readonly reference?: { readonly value: number; readonly label: string };
}

const WIDTH = 600;
const HEIGHT = 280;
const MARGIN = { top: 20, right: 12, bottom: 36, left: 52 };

/**
 * A month-by-month bar chart drawn as SVG, with its figures in a table for screen readers and
 * keyboard users, and a text description of what it shows.
 */
export function barChart(options: BarChartOptions): HTMLElement {
  const { points, reference } = options;
  if (points.length === 0) return el('p', { class: 'empty' }, 'No data for this period.');
  const ticks = axisTicks(Math.max(reference?.value ?? 0, ...points.map((p) => p.count)));
  const top = ticks.at(-1)!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value: number) => MARGIN.top + plotHeight * (1 - value / top);
  const slot = plotWidth / points.length;
  const every = labelEvery(points.length, 12);
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      class: 'chart',
    },
    svg('title', { id: titleId }, `${options.measure} per month`),
    svg('desc', { id: descId }, describe(options)),
    ...ticks.map((tick) =>
      svg(
        'g',
        { class: 'tick' },
        svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick) }),
        svg('text', { x: MARGIN.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, count(tick)),
      ),
    ),
    ...points.map((point, i) =>
      svg(
        'rect',
        {
          class: 'bar',
          x: MARGIN.left + i * slot + slot * 0.15,
          y: y(point.count),
          width: slot * 0.7,
          height: y(0) - y(point.count),
        },
        svg('title', {}, `${monthLabel(point.month)}: ${count(point.count)}`),
      ),
    ),
    ...points
      .map((point, i) => ({ point, i }))
      .filter(({ i }) => i % every === 0)
      .map(({ point, i }) =>
        svg(
          'text',
          {
            class: 'month',
            x: MARGIN.left + (i + 0.5) * slot,
            y: HEIGHT - 14,
            'text-anchor': 'middle',
          },
          monthLabel(point.month),
        ),
      ),
    ...(reference ? referenceLine(reference, y(reference.value)) : []),
  );
  const table = dataTable(
    `${options.measure} per month`,
    ['Month', options.measure],
    points.map((point) => ({
      key: point.month,
      cells: [el('time', { datetime: point.month }, monthLabel(point.month)), count(point.count)],
    })),
  );
  return el(
    'figure',
    { id: options.id },
    chart,
    el('details', {}, el('summary', {}, `${options.measure} per month as a table`), table),
  );
}

function referenceLine(reference: { value: number; label: string }, at: number): SVGElement[] {
  return [
    svg('line', {
      class: 'reference',
      x1: MARGIN.left,
      x2: WIDTH - MARGIN.right,
      y1: at,
      y2: at,
    }),
    svg(
      'text',
      { class: 'reference-label', x: WIDTH - MARGIN.right, y: at - 6, 'text-anchor': 'end' },
      reference.label,
    ),
  ];
}

/** The chart in words: the span, the total, the busiest month and how many reached the line. */
function describe({ measure, points, reference }: BarChartOptions): string {
  const total = points.reduce((sum, p) => sum + p.count, 0);
  const busiest = points.reduce((best, p) => (p.count > best.count ? p : best), points[0]!);
  const span = `${monthLabel(points[0]!.month)} to ${monthLabel(points.at(-1)!.month)}`;
  let text = `${measure} per month, ${span}: ${count(total)} in all; most in ${monthLabel(busiest.month)} (${count(busiest.count)}).`;
  if (reference) {
    const reached = points.filter((p) => p.count >= reference.value).length;
    text += ` ${reached} of ${points.length} months at or above ${count(reference.value)}.`;
  }
  return text;
}
