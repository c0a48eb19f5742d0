// Runs in the renderer. "Client": a select of the current (not archived) clients, by name.
import { useMemo } from 'react';
import { useQuery } from '../../api';
import { SelectField, type SelectOption } from '../../forms/field';

export interface ClientSelectProps {
  id: string;
  value: string;
  onChange: (clientId: string) => void;
  error?: string | undefined;
  label?: string;
  hint?: string;
  className?: string;
}

export function ClientSelect({ id, value, onChange, error, label = 'Client', hint, className }: ClientSelectProps) {
  const clients = useQuery('clients.list', { show: 'current', limit: 500 }, { tables: ['clients'] });
  const options = useMemo<SelectOption[]>(
    () => [
      { value: '', label: clients.data ? 'Choose a client…' : clients.error ? 'Clients could not be loaded' : 'Loading clients…' },
      ...(clients.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name })),
    ],
    [clients.data, clients.error],
  );
  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      onChange={onChange}
      options={options}
      error={error ?? (clients.error ? clients.error.message : undefined)}
      hint={hint ?? (clients.data && clients.data.total > clients.data.items.length ? `Showing the first ${clients.data.items.length} clients by name.` : undefined)}
      required
      className={className}
    />
  );
}
