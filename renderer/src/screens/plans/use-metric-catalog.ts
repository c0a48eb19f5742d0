// Runs in the renderer. The metric catalog (built-in and custom) as the editor's options and as the engine's
// definitions, for local validation and preview. Until metrics.list answers, the built-ins stand in.
import { useMemo } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import { BUILT_IN_METRICS, MetricDefinition } from '../../../../shared/pricing/metrics';
import { useQuery } from '../../api';
import type { MetricOption } from './charge-editor';

export interface MetricCatalog {
  options: MetricOption[];
  definitions: MetricDefinition[];
  name: (key: string) => string;
  error: CommandError | null;
}

export function useMetricCatalog(): MetricCatalog {
  const q = useQuery('metrics.list', {}, { tables: ['metrics'] });
  return useMemo(() => {
    const definitions = q.data
      ? q.data.flatMap((m) => {
          const parsed = MetricDefinition.safeParse({ key: m.key, name: m.name, unit: m.unit, aggregation: m.aggregation, config: m.config });
          return parsed.success ? [parsed.data] : [];
        })
      : [...BUILT_IN_METRICS];
    const options = definitions.map((m) => ({ key: m.key, name: m.name, unit: m.unit, aggregation: m.aggregation }));
    const names = new Map(definitions.map((m) => [m.key, m.name]));
    return { options, definitions, name: (key: string) => names.get(key) ?? key, error: q.error };
  }, [q.data, q.error]);
}
