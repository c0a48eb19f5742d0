// Runs in main. Runs the engine's plan validation and turns its problems into the AppError a form can show.
import { validatePlan, type PlanDefinition } from '../../../shared/pricing';
import { AppError } from '../errors';
import type { MetricCatalog } from './metric-catalog';

/**
 * The normalized definition, or AppError('invalid_input') with the first problem as the message, its path
 * under `definition.` as the field, and every problem in `fields`.
 */
export function checkPlan(definition: unknown, catalog: MetricCatalog): PlanDefinition {
  const checked = validatePlan(definition, { metrics: catalog.metrics });
  if (checked.ok) return checked.plan;
  const field = (path: string) => (path ? `definition.${path}` : 'definition');
  const fields: Record<string, string> = {};
  for (const e of checked.errors) if (!(field(e.path) in fields)) fields[field(e.path)] = e.message;
  const first = checked.errors[0]!;
  throw new AppError('invalid_input', first.message, { field: field(first.path), fields });
}
