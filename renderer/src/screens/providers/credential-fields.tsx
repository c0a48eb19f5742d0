// Runs in the renderer. The credential inputs of a provider kind. Secret ones are password inputs; values
// are never prefilled or shown again after saving.
import { InputField } from '../../components/input-field';
import type { FieldErrors } from '../../forms/field-errors';
import type { KindInfo } from './provider-form-model';

export interface CredentialFieldsProps {
  info: KindInfo;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  errors: FieldErrors;
  idFor: (path: string) => string;
}

export function CredentialFields({ info, values, onChange, errors, idFor }: CredentialFieldsProps) {
  if (info.credentialFields.length === 0) return null;
  return (
    <>
      {info.credentialFields.map((f) => (
        <InputField
          key={f.key}
          id={idFor(`credentials.${f.key}`)}
          label={f.label}
          type={f.secret ? 'password' : 'text'}
          autoComplete={f.secret ? 'new-password' : 'off'}
          value={values[f.key] ?? ''}
          onChange={(v) => onChange({ ...values, [f.key]: v })}
          hint={f.help}
          error={errors[`credentials.${f.key}`]}
          className="span-2"
        />
      ))}
    </>
  );
}
