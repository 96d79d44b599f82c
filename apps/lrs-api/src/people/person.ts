import { AGENT_IFIS } from '@lr/xapi';

/**
 * The xAPI Person object (1.0.3 §2.4, 2.0 §4.1.6.3): every name and identifier known for one
 * person, each as a list without repeats. Pure.
 */
export function personOf(agents: readonly Record<string, unknown>[]): Record<string, unknown> {
  const person: Record<string, unknown[]> = {};
  const add = (field: string, value: unknown) => {
    const list = (person[field] ??= []);
    if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
  };
  for (const agent of agents) {
    if (typeof agent.name === 'string') add('name', agent.name);
    for (const ifi of AGENT_IFIS) if (agent[ifi] !== undefined) add(ifi, agent[ifi]);
  }
  return { objectType: 'Person', ...person };
}
