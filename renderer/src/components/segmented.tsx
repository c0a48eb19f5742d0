// Runs in the renderer. A segmented radio group ("Current / Archived / All") with a visually hidden legend.

export interface SegmentedProps<T extends string> {
  /** radio group name, unique on the page */
  name: string;
  legend: string;
  options: ReadonlyArray<readonly [T, string]>;
  value: T;
  onChange: (value: T) => void;
  /** the compact variant for card headers */
  small?: boolean;
}

export function Segmented<T extends string>({ name, legend, options, value, onChange, small = false }: SegmentedProps<T>) {
  return (
    <fieldset className={small ? 'segmented segmented-small' : 'segmented'}>
      <legend className="visually-hidden">{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v} className="segment">
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
