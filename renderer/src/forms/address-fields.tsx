// Runs in the renderer. The six address inputs, shared by the agency and client forms.
import { ADDRESS_FIELDS, type AddressValues } from './address';
import { TextField } from './field';
import type { FieldErrors } from './field-errors';

const AUTOCOMPLETE: Record<keyof AddressValues, string> = {
  line1: 'address-line1',
  line2: 'address-line2',
  city: 'address-level2',
  region: 'address-level1',
  postalCode: 'postal-code',
  country: 'country',
};

export interface AddressFieldsProps {
  idFor: (path: string) => string;
  values: AddressValues;
  errors: FieldErrors;
  onChange: (values: AddressValues) => void;
}

export function AddressFields({ idFor, values, errors, onChange }: AddressFieldsProps) {
  return (
    <>
      {ADDRESS_FIELDS.map(([key, path, label]) => (
        <TextField
          key={key}
          id={idFor(path)}
          label={label}
          value={values[key]}
          onChange={(v) => onChange({ ...values, [key]: v })}
          error={errors[path]}
          autoComplete={AUTOCOMPLETE[key]}
          hint={key === 'country' ? 'Two-letter code, e.g. US, GB, DE' : undefined}
          className={key === 'line1' || key === 'line2' ? 'span-2' : undefined}
        />
      ))}
    </>
  );
}
