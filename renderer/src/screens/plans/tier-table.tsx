// Runs in the renderer. The tier table of a graduated or volume charge: From (computed, read-only), Up to
// (empty = and above), Unit price, Flat fee; add and remove rows; what the charge bills at zero usage.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ZeroQuantity } from '../../../../shared/pricing/plan-schema';
import { formatCount } from '../../format/numbers';
import { tierFieldLabel } from './plan-errors';
import { addTier, removeTier, tierFroms, updateTier, type TierRow } from './plan-form-model';

export interface TierTableProps {
  /** "charges.1": ids and error keys of the rows are `${base}.model.tiers.<i>.<field>` */
  base: string;
  model: 'graduated' | 'volume';
  tiers: readonly TierRow[];
  zeroQuantity: ZeroQuantity;
  currency: string;
  /** the unit the tiers count, for the heading ("interaction") */
  unit: string;
  locale: string;
  idFor: (path: string) => string;
  errors: Readonly<Record<string, string[]>>;
  onChange: (tiers: TierRow[]) => void;
  onZeroQuantityChange: (value: ZeroQuantity) => void;
}

type TierField = 'upTo' | 'unitPrice' | 'flatFee';

export function TierTable({ base, model, tiers, zeroQuantity, currency, unit, locale, idFor, errors, onChange, onZeroQuantityChange }: TierTableProps) {
  const froms = tierFroms(tiers);
  const tablePath = `${base}.model.tiers`;
  const tableErrors = errors[tablePath] ?? [];
  const [focusRow, setFocusRow] = useState<{ index: number; field: TierField } | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!focusRow) return;
    document.getElementById(idFor(`${tablePath}.${focusRow.index}.${focusRow.field}`))?.focus();
    setFocusRow(null);
  }, [focusRow, idFor, tablePath]);

  const fieldId = (i: number, f: TierField) => idFor(`${tablePath}.${i}.${f}`);
  const fieldErrors = (i: number, f: TierField) => errors[`${tablePath}.${i}.${f}`] ?? [];

  const input = (i: number, f: TierField, value: string, placeholder?: string) => {
    const id = fieldId(i, f);
    const errs = fieldErrors(i, f);
    const rowErrorId = `${idFor(`${tablePath}.${i}`)}-errors`;
    return (
      <>
        <label htmlFor={id} className="visually-hidden">
          {tierFieldLabel(i, f)}
        </label>
        <input
          id={id}
          className="input input-compact"
          type="text"
          inputMode={f === 'upTo' ? 'numeric' : 'decimal'}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(updateTier(tiers, i, { [f]: e.target.value }))}
          aria-invalid={errs.length > 0 ? true : undefined}
          aria-describedby={errs.length > 0 ? rowErrorId : undefined}
          autoComplete="off"
          spellCheck={false}
        />
      </>
    );
  };

  const zeroName = `${idFor(`${base}.model.zeroQuantity`)}-zero`;
  const firstFlat = tiers[0]?.flatFee.trim() ?? '';

  return (
    <div className="tier-editor">
      <div className="tier-table-wrap">
        <table className="tier-table" aria-label={`${model === 'graduated' ? 'Graduated' : 'Volume'} tiers`} id={idFor(tablePath)} tabIndex={-1}>
          <thead>
            <tr>
              <th scope="col" className="tier-col-from">
                From
              </th>
              <th scope="col" className="tier-col-up-to">
                Up to
              </th>
              <th scope="col" className="tier-col-price">
                Unit price ({currency})
              </th>
              <th scope="col">Flat fee ({currency})</th>
              <th scope="col" className="tier-col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((t, i) => {
              const rowErrors = [...fieldErrors(i, 'upTo'), ...fieldErrors(i, 'unitPrice'), ...fieldErrors(i, 'flatFee')];
              const from = froms[i];
              return (
                <TierRowView key={t.key} errors={rowErrors} errorId={`${idFor(`${tablePath}.${i}`)}-errors`}>
                  <td className="tier-col-from num">
                    {from === null || from === undefined ? '—' : formatCount(from, locale)}
                  </td>
                  <td>{input(i, 'upTo', t.upTo, 'and above')}</td>
                  <td>{input(i, 'unitPrice', t.unitPrice, '0.00')}</td>
                  <td>{input(i, 'flatFee', t.flatFee, 'none')}</td>
                  <td className="tier-col-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove tier ${i + 1}`}
                      title={`Remove tier ${i + 1}`}
                      disabled={tiers.length <= 1}
                      onClick={() => {
                        onChange(removeTier(tiers, i));
                        addRef.current?.focus();
                      }}
                    >
                      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                        <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
                      </svg>
                    </button>
                  </td>
                </TierRowView>
              );
            })}
          </tbody>
        </table>
      </div>
      {tableErrors.length > 0 ? (
        <div className="field-error-list">
          {tableErrors.map((e) => (
            <p key={e} className="field-error">
              {e}
            </p>
          ))}
        </div>
      ) : null}
      <div className="tier-editor-footer">
        <button
          ref={addRef}
          type="button"
          className="btn btn-small"
          onClick={() => {
            const next = addTier(tiers);
            onChange(next.tiers);
            setFocusRow({ index: next.index, field: 'upTo' });
          }}
        >
          <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <path d="M7 2v10M2 7h10" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
          </svg>
          Add tier
        </button>
        <span className="field-hint">
          Tiers count {unit ? `${unit}s` : 'units'} per period. Leave the last “Up to” empty for “and above”.
        </span>
      </div>
      <fieldset className="zero-quantity">
        <legend>At zero usage</legend>
        <div className="radio-row">
          <label className="radio">
            <input type="radio" name={zeroName} value="nothing" checked={zeroQuantity === 'nothing'} onChange={() => onZeroQuantityChange('nothing')} />
            <span>Charge nothing</span>
          </label>
          <label className="radio">
            <input
              type="radio"
              name={zeroName}
              value="first_tier_flat_fee"
              checked={zeroQuantity === 'first_tier_flat_fee'}
              onChange={() => onZeroQuantityChange('first_tier_flat_fee')}
            />
            <span>Charge the first tier&rsquo;s flat fee</span>
          </label>
        </div>
        <p className="field-hint">
          {zeroQuantity === 'nothing'
            ? 'With no usage in a period, no tier is entered and nothing is billed for this charge.'
            : firstFlat
              ? `A period with no usage still bills tier 1's flat fee (${firstFlat} ${currency}).`
              : "A period with no usage still bills tier 1's flat fee — tier 1 has none yet."}
        </p>
      </fieldset>
    </div>
  );
}

function TierRowView({ errors, errorId, children }: { errors: string[]; errorId: string; children: ReactNode }) {
  return (
    <>
      <tr className={errors.length > 0 ? 'tier-row tier-row-invalid' : 'tier-row'}>{children}</tr>
      {errors.length > 0 ? (
        <tr className="tier-error-row">
          <td colSpan={5} id={errorId}>
            {errors.map((e) => (
              <p key={e} className="field-error">
                {e}
              </p>
            ))}
          </td>
        </tr>
      ) : null}
    </>
  );
}
