// Runs in the renderer. Create or edit a plan (#/plans/new, #/plans/<id>): the definition form, validated
// locally by the engine as you type; a live "what would this cost" preview; versions; archive and delete.
// A latest version in use is never edited: the changes are saved as the next version.
import { useEffect, useMemo, useState, type FocusEvent, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { PlanDetail } from '../../../../shared/domain/pricing';
import { validatePlan } from '../../../../shared/pricing/validate-plan';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useFieldIds } from '../../forms/use-field-ids';
import { Link } from '../../router/link';
import { navigate, replaceRoute } from '../../router/use-route';
import '../../styles/pricing.css';
import { messagesByField, placeProblems, serverProblems, summaryText, type PlacedProblem } from './plan-errors';
import { PlanEditorForm } from './plan-editor-form';
import { clearFlash, peekFlash, setFlash } from './plan-flash';
import { definitionToForm, emptyPlanForm, formToDefinition, sameDefinition, type PlanForm } from './plan-form-model';
import { PlanProblemSummary } from './plan-problem-summary';
import { PlanVersions } from './plan-versions';
import { PreviewPanel } from './preview-panel';
import { useMetricCatalog } from './use-metric-catalog';

const PLAN_TABLES = ['plans', 'plan_versions', 'subscriptions'] as const;
const VALIDATE_AFTER_MS = 200;

const back = (
  <Link to={{ name: 'plans' }} className="back-link">
    <span aria-hidden="true">← </span>Plan list
  </Link>
);

export function PlanEditorScreen({ id }: { id: number | null }) {
  const detail = useQuery('plans.get', { id: id ?? 1 }, { tables: PLAN_TABLES, enabled: id !== null });
  if (id === null) return <PlanEditor plan={null} />;
  if (!detail.data) {
    return (
      <>
        <PageHeader before={back} title={detail.error ? 'Plan not available' : 'Plan'} />
        {detail.error ? (
          <ErrorNotice
            title="This plan could not be loaded"
            error={detail.error}
            onRetry={detail.error.code === 'not_found' ? undefined : () => void detail.reload()}
          />
        ) : (
          <Loading label="Loading plan…" />
        )}
      </>
    );
  }
  return <PlanEditor plan={detail.data} />;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function PlanEditor({ plan: loaded }: { plan: PlanDetail | null }) {
  const { locale, timeZone, currency: agencyCurrency } = useAgency();
  const catalog = useMetricCatalog();
  const idFor = useFieldIds();
  // The answer of the last save, until the live query catches up with it.
  const [saved, setSaved] = useState<PlanDetail | null>(null);
  useEffect(() => setSaved(null), [loaded]);
  const plan = saved ?? loaded;
  const isNew = plan === null;

  const [initial] = useState<PlanForm>(() => (loaded ? definitionToForm(loaded.latest.definition, loaded.currency) : emptyPlanForm(agencyCurrency)));
  const [form, setForm] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [checked, setChecked] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [attempt, setAttempt] = useState(0);
  const [server, setServer] = useState<CommandError | null>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const flashKey = loaded ? `plan/${loaded.id}` : 'plan/new';
  const [notice, setNotice] = useState<string | null>(() => peekFlash(flashKey));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [showProblems, setShowProblems] = useState(false);

  const create = useMutation('plans.create');
  const update = useMutation('plans.update');
  const newVersion = useMutation('plans.newVersion');
  const remove = useMutation('plans.delete');
  const archive = useMutation('plans.archive');
  const restore = useMutation('plans.restore');
  const saving = create.running || update.running || newVersion.running;

  useEffect(() => clearFlash(flashKey), [flashKey]);
  useEffect(() => {
    const t = setTimeout(() => setChecked(form), VALIDATE_AFTER_MS);
    return () => clearTimeout(t);
  }, [form]);
  const name = plan?.name;
  useEffect(() => {
    document.title = `${name ?? 'New plan'} — Meterbook`;
  }, [name]);

  const viewedVersion = viewing === null || !plan ? null : (plan.versions.find((v) => v.version === viewing) ?? null);
  const viewedForm = useMemo(() => (viewedVersion ? definitionToForm(viewedVersion.definition, plan?.currency ?? agencyCurrency) : null), [viewedVersion, plan?.currency, agencyCurrency]);
  const shownForm = viewedForm ?? form;
  const checkedDefinition = useMemo(() => formToDefinition(viewedForm ?? checked), [viewedForm, checked]);

  const local = useMemo(() => validatePlan(checkedDefinition, { metrics: catalog.definitions }), [checkedDefinition, catalog.definitions]);
  const fromServer = useMemo(() => serverProblems(server), [server]);
  const placed: PlacedProblem[] = useMemo(() => {
    if (viewedForm) return [];
    const mine = local.ok ? [] : placeProblems(local.errors, checked, catalog.name);
    return [...mine, ...placeProblems(fromServer.problems, form, catalog.name)];
  }, [viewedForm, local, checked, form, catalog.name, fromServer]);
  const visible = placed.filter((p) => attempt > 0 || !p.empty || (p.field !== null && touched.has(idFor(p.field))));
  const errors = messagesByField(visible);
  const dirty = !sameDefinition(form, baseline);

  const change = (update: (f: PlanForm) => PlanForm) => {
    setForm(update);
    setServer(null);
    setNotice(null);
  };

  const focusField = (field: string | null) => {
    if (field === null) return;
    const el = document.getElementById(idFor(field));
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };

  const onBlur = (e: FocusEvent<HTMLFormElement>) => {
    const id = e.target.id;
    if (id) setTouched((s) => (s.has(id) ? s : new Set(s).add(id)));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving || viewedForm) return;
    setChecked(form);
    setNotice(null);
    const definition = formToDefinition(form);
    const check = validatePlan(definition, { metrics: catalog.definitions });
    if (!check.ok) {
      setServer(null);
      setAttempt((n) => n + 1);
      return;
    }
    if (plan && !dirty) {
      setNotice('No changes to save.');
      return;
    }
    const res = !plan
      ? await create.run({ definition })
      : plan.latest.inUse
        ? await newVersion.run({ id: plan.id, definition })
        : await update.run({ id: plan.id, version: plan.latest.version, definition });
    if (!res.ok) {
      setServer(res.error);
      setAttempt((n) => n + 1);
      return;
    }
    if (!plan) {
      setFlash(`plan/${res.data.id}`, `Plan “${res.data.name}” was created as version ${res.data.latest.version}.`);
      replaceRoute({ name: 'plan', id: res.data.id });
      return;
    }
    const next = definitionToForm(res.data.latest.definition, res.data.currency);
    setSaved(res.data);
    setForm(next);
    setBaseline(next);
    setChecked(next);
    setAttempt(0);
    setTouched(new Set());
    setNotice(plan.latest.inUse ? `Saved as version ${res.data.latest.version}.` : `Version ${res.data.latest.version} was saved.`);
  };

  const doArchive = async () => {
    if (!plan) return;
    const res = plan.archived ? await restore.run({ id: plan.id }) : await archive.run({ id: plan.id });
    if (res.ok) {
      setSaved(res.data);
      setNotice(res.data.archived ? `“${res.data.name}” was archived: it is hidden from the plan list and cannot be assigned.` : `“${res.data.name}” was restored.`);
    }
  };

  const doDelete = async () => {
    if (!plan) return;
    const res = await remove.run({ id: plan.id });
    if (res.ok) {
      setFlash('plans', `Plan “${plan.name}” was deleted.`);
      navigate({ name: 'plans' });
    }
  };

  const latest = plan?.latest;
  const saveLabel = latest?.inUse ? 'Save as new version' : 'Save plan';

  return (
    <>
      <PageHeader
        before={back}
        title={plan ? plan.name : 'New plan'}
        meta={
          plan ? (
            <span className="badges">
              <Badge tone="info">Version {plan.latest.version}</Badge>
              {plan.archived ? <Badge>Archived</Badge> : null}
            </span>
          ) : null
        }
        description={isNew ? 'What you charge a client: a base fee plus a charge per metric.' : undefined}
        actions={
          plan ? (
            <>
              <button type="button" className="btn" onClick={() => void doArchive()} disabled={archive.running || restore.running}>
                {plan.archived ? 'Restore' : 'Archive'}
              </button>
              <button
                type="button"
                className="btn btn-danger-outline"
                onClick={() => {
                  remove.reset();
                  setConfirmDelete(true);
                }}
              >
                Delete
              </button>
            </>
          ) : null
        }
      />

      {notice ? (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      ) : null}
      {archive.error ? <ErrorNotice title="The plan was not archived" error={archive.error} /> : null}
      {restore.error ? <ErrorNotice title="The plan was not restored" error={restore.error} /> : null}
      {catalog.error ? (
        <p className="notice notice-info">The metric catalog could not be loaded ({catalog.error.message}); the built-in metrics are shown.</p>
      ) : null}

      <div className="plan-editor-layout">
        <div className="plan-editor-main">
          {viewedVersion ? (
            <div className="notice notice-info plan-viewing" role="status">
              <span>
                You are viewing version {viewedVersion.version} (read-only){viewedVersion.inUse ? ', which is in use' : ''}.
              </span>
              <span className="notice-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    change(() => definitionToForm(viewedVersion.definition, plan?.currency ?? agencyCurrency));
                    setViewing(null);
                    setNotice(`Version ${viewedVersion.version} was copied into the editor: save to keep it.`);
                  }}
                >
                  Copy into the editor
                </button>
                <button type="button" className="btn btn-small" onClick={() => setViewing(null)}>
                  Return to editing
                </button>
              </span>
            </div>
          ) : latest?.inUse ? (
            <p className="notice notice-info" role="note">
              {latest.subscriptions > 0
                ? `Version ${latest.version} is used by ${plural(latest.subscriptions, 'subscription', 'subscriptions')}; your changes will be saved as version ${latest.version + 1}.`
                : `Version ${latest.version} is in use (invoiced); your changes will be saved as version ${latest.version + 1}.`}
            </p>
          ) : null}

          <PlanProblemSummary
            problems={visible}
            general={fromServer.general}
            attempt={attempt}
            failedTitle={isNew ? 'The plan was not created.' : 'The plan was not saved.'}
            idFor={idFor}
          />

          <form className="plan-editor-form" onSubmit={onSubmit} onBlur={onBlur} noValidate aria-label={plan ? `Edit ${plan.name}` : 'New plan'}>
            <PlanEditorForm form={shownForm} onChange={change} readOnly={viewedForm !== null} metrics={catalog.options} locale={locale} idFor={idFor} errors={errors} />
            {viewedForm ? null : (
              <div className="save-bar">
                {showProblems && visible.length > 0 ? (
                  <ul id={idFor('problem-list')} className="save-bar-list" aria-label="Problems to fix">
                    {visible.map((p, i) => (
                      <li key={`${p.field ?? ''}|${i}`}>
                        {p.field ? (
                          <button type="button" className="link-button" onClick={() => focusField(p.field)}>
                            {summaryText(p)}
                          </button>
                        ) : (
                          summaryText(p)
                        )}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <span className="save-bar-status" aria-live="polite">
                  {visible.length > 0 ? (
                    <button
                      type="button"
                      className="link-button save-bar-problems"
                      aria-expanded={showProblems}
                      aria-controls={showProblems ? idFor('problem-list') : undefined}
                      onClick={() => setShowProblems((v) => !v)}
                    >
                      {plural(visible.length, 'problem to fix', 'problems to fix')}
                    </button>
                  ) : dirty || isNew ? (
                    latest?.inUse ? (
                      `Unsaved changes: version ${latest.version + 1} will be created.`
                    ) : isNew ? (
                      'Checked as you type.'
                    ) : (
                      'Unsaved changes.'
                    )
                  ) : (
                    'All changes saved.'
                  )}
                </span>
                {isNew ? (
                  <button type="button" className="btn" onClick={() => navigate({ name: 'plans' })}>
                    Cancel
                  </button>
                ) : dirty ? (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      change(() => baseline);
                      setChecked(baseline);
                      setAttempt(0);
                    }}
                  >
                    Discard changes
                  </button>
                ) : null}
                <button type="submit" className="btn btn-primary" disabled={saving} aria-busy={saving || undefined}>
                  {saveLabel}
                </button>
              </div>
            )}
          </form>
          {plan ? (
            <PlanVersions versions={plan.versions} latestVersion={plan.latest.version} viewing={viewing} locale={locale} timeZone={timeZone} onView={setViewing} />
          ) : null}
        </div>
        <aside className="plan-editor-aside" aria-label="Preview">
          <PreviewPanel definition={checkedDefinition} metrics={catalog.definitions} locale={locale} zone={timeZone} idFor={idFor} />
        </aside>
      </div>

      {confirmDelete && plan ? (
        <ConfirmDialog
          title={`Delete “${plan.name}”?`}
          confirmLabel="Delete plan"
          busyLabel="Deleting…"
          danger
          busy={remove.running}
          error={remove.error}
          onConfirm={() => void doDelete()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>
            This deletes the plan and its {plural(plan.versions.length, 'version', 'versions')}. A plan used by a subscription or an invoice cannot be deleted: archive
            it instead, so no new client gets it.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
