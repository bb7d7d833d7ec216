// A resident's card (/admin/warga/:id): roster entry and household (masked), the Wi-Fi account with its plan,
// consent record and devices, and every operator action on it. Destructive actions ask first.
import type { ResidentCard } from '../../services/accounts/resident-record.js';
import type { PlanView } from '../../services/plans/plans.js';
import { formatBytes } from '../../web/format.js';
import {
  ActionButton,
  CsrfInput,
  ErrorSummary,
  Field,
  type FieldErrors,
  SelectField,
  TableBox,
} from '../../web/views/components.js';
import type { WebPageContext } from '../../web/views/page-context.js';
import type { ResidentsMessages } from '../messages/residents.js';
import { dateTime } from './residents-format.js';
import { StatusBadge } from './residents-list.js';

export function RosterEntryList(props: { ctx: WebPageContext; t: ResidentsMessages; card: ResidentCard }) {
  const { t, card } = props;
  const r = card.resident;
  return (
    <dl class="kv">
      <dt>{t.nik}</dt>
      <dd>{r.nik_masked}</dd>
      <dt>{t.kk}</dt>
      <dd>{r.kk_masked}</dd>
      <dt>{t.area}</dt>
      <dd>
        {r.dusun} / {r.rw} / {r.rt}
      </dd>
      <dt>{t.sex}</dt>
      <dd>{r.sex === null ? t.never : (t.sexes[r.sex] ?? t.never)}</dd>
      <dt>{t.birthDate}</dt>
      <dd>{r.birth_date ?? t.never}</dd>
      <dt>{t.rosterStatus}</dt>
      <dd>
        <span class={`badge ${r.active ? 'ok' : 'off'}`}>{r.active ? t.rosterActive : t.rosterInactive}</span>
      </dd>
    </dl>
  );
}

export function AccountList(props: { ctx: WebPageContext; t: ResidentsMessages; card: ResidentCard }) {
  const { ctx, t } = props;
  const a = props.card.account;
  if (!a) return <p>{t.noAccount}</p>;
  return (
    <dl class="kv">
      <dt>{t.accountStatus}</dt>
      <dd>
        <StatusBadge t={t} status={a.status} />
      </dd>
      {a.suspended_reason ? (
        <>
          <dt>{t.suspendedBecause}</dt>
          <dd>{a.suspended_reason}</dd>
        </>
      ) : null}
      {a.unverified_reason ? (
        <>
          <dt>{t.unverified}</dt>
          <dd>
            {t.unverifiedReasons[a.unverified_reason] ?? a.unverified_reason}. {t.unverifiedAdvice}
          </dd>
        </>
      ) : null}
      <dt>{t.plan}</dt>
      <dd>
        {a.plan_name === null
          ? t.never
          : a.follows_default_plan
            ? t.followsDefault(a.plan_name)
            : a.plan_name}
      </dd>
      <dt>{t.registeredAt}</dt>
      <dd>{dateTime(ctx, a.created_at)}</dd>
      <dt>{t.approvedBy}</dt>
      <dd>{a.approved_by ? `${a.approved_by}, ${dateTime(ctx, a.approved_at)}` : t.never}</dd>
      <dt>{t.consent}</dt>
      <dd>
        {a.consent_at && a.consent_notice_version
          ? t.consentText(
              a.consent_notice_version,
              t.channels[a.consent_channel ?? ''] ?? a.consent_channel ?? t.never,
              dateTime(ctx, a.consent_at),
            )
          : t.consentNone}
      </dd>
    </dl>
  );
}

export function ResidentCardPage(props: {
  ctx: WebPageContext;
  t: ResidentsMessages;
  card: ResidentCard;
  plans: readonly PlanView[];
  errors: FieldErrors;
  /** The suspension reason typed, when the form came back. */
  reason?: string | undefined;
}) {
  const { ctx, t, card, errors } = props;
  const r = card.resident;
  const a = card.account;
  const base = `/admin/warga/${r.id}`;
  return (
    <>
      <p class="noprint">
        <a href="/admin/warga">{t.back}</a>
      </p>
      <h1>{t.cardTitle(r.name)}</h1>
      <ErrorSummary ctx={ctx} errors={errors} general={errors.form} />
      <div class="grid wide">
        <section class="card" aria-labelledby="h-identity">
          <h2 id="h-identity">{t.identity}</h2>
          <RosterEntryList {...props} />
        </section>
        <section class="card" aria-labelledby="h-account">
          <h2 id="h-account">{t.account}</h2>
          <AccountList {...props} />
          {a ? null : (
            <a class="btn" href={`/admin/warga/daftar?warga=${r.id}`}>
              {t.register}
            </a>
          )}
        </section>
      </div>

      <h2 id="h-household">{t.household}</h2>
      <TableBox>
        <table class="stack" aria-labelledby="h-household">
          <thead>
            <tr>
              <th scope="col">{t.columns.name}</th>
              <th scope="col">{t.columns.nik}</th>
              <th scope="col">{t.householdRole}</th>
              <th scope="col">{t.columns.roster}</th>
              <th scope="col">{t.columns.account}</th>
            </tr>
          </thead>
          <tbody>
            {card.household.map((m) => (
              <tr>
                <td data-label={t.columns.name}>
                  {m.id === r.id ? (
                    <>
                      {m.name} <span class="muted">{t.thisPerson}</span>
                    </>
                  ) : (
                    <a href={`/admin/warga/${m.id}`}>{m.name}</a>
                  )}
                </td>
                <td data-label={t.columns.nik}>{m.nik_masked}</td>
                <td data-label={t.householdRole}>{m.kk_level === 1 ? t.headOfFamily : t.member}</td>
                <td data-label={t.columns.roster}>{m.active ? t.rosterActive : t.rosterInactive}</td>
                <td data-label={t.columns.account}>
                  <StatusBadge t={t} status={m.account_status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>

      {a ? (
        <>
          <h2 id="h-devices">{t.devices}</h2>
          {a.devices.length === 0 ? (
            <p>{t.noDevices}</p>
          ) : (
            <TableBox>
              <table class="stack" aria-labelledby="h-devices">
                <thead>
                  <tr>
                    <th scope="col">{t.deviceColumns.label}</th>
                    <th scope="col">{t.deviceColumns.mac}</th>
                    <th scope="col">{t.deviceColumns.lastSeen}</th>
                    <th scope="col" class="n">
                      {t.deviceColumns.usage}
                    </th>
                    <th scope="col">{t.deviceColumns.action}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.devices.map((d) => {
                    const label = d.label ?? d.mac;
                    return (
                      <tr>
                        <td data-label={t.deviceColumns.label}>
                          {d.label ?? <span class="muted">{t.unnamed}</span>}
                        </td>
                        <td data-label={t.deviceColumns.mac}>{d.mac}</td>
                        <td data-label={t.deviceColumns.lastSeen}>{dateTime(ctx, d.last_seen_at)}</td>
                        <td data-label={t.deviceColumns.usage} class="n">
                          {formatBytes(d.bytes_this_month, ctx.lang)}
                        </td>
                        <td data-label={t.deviceColumns.action}>
                          <ActionButton
                            ctx={ctx}
                            action={`${base}/perangkat/${d.id}/cabut`}
                            label={`${t.removeDevice} ${label}`}
                            confirm={t.removeDeviceConfirm(label)}
                            danger
                            small
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableBox>
          )}

          <h2>{t.actions}</h2>
          <div class="grid">
            <div class="card">
              {a.status === 'pending' ? (
                <ActionButton
                  ctx={ctx}
                  action={`${base}/setujui`}
                  label={t.approve}
                  confirm={t.approveConfirm}
                />
              ) : null}
              {a.status === 'suspended' ? (
                <ActionButton ctx={ctx} action={`${base}/aktifkan`} label={t.resume} />
              ) : null}
              <ActionButton ctx={ctx} action={`${base}/pin`} label={t.newPin} confirm={t.newPinConfirm} />
              {a.status === 'active' ? (
                <a class="btn s" href={`${base}/perangkat/tambah`}>
                  {t.deviceAdd}
                </a>
              ) : null}
              <ActionButton
                ctx={ctx}
                action={`${base}/ambil-alih`}
                label={t.reclaim}
                confirm={t.reclaimConfirm}
                danger
              />
              {a.status === 'active' ? (
                <form method="post" action={`${base}/tangguhkan`} data-confirm={t.suspendConfirm}>
                  <CsrfInput ctx={ctx} />
                  <Field
                    name="reason"
                    label={t.suspendReason}
                    hint={t.suspendReasonHint}
                    value={props.reason}
                    error={errors.reason}
                    maxlength={200}
                  />
                  <button class="btn d" type="submit">
                    {t.suspend}
                  </button>
                </form>
              ) : null}
            </div>
            <form class="card" method="post" action={`${base}/paket`}>
              <CsrfInput ctx={ctx} />
              <SelectField
                name="plan"
                label={t.changePlan}
                error={errors.plan}
                value={a.follows_default_plan ? 'bawaan' : (a.plan_name ?? 'bawaan')}
                options={[
                  { value: 'bawaan', label: t.planDefault },
                  ...props.plans.map((p) => ({ value: p.name, label: p.name })),
                ]}
              />
              <button class="btn" type="submit">
                {ctx.m.form.save}
              </button>
            </form>
          </div>
        </>
      ) : null}

      <h2>{t.documents}</h2>
      <div class="card">
        <a class="btn s" href={`${base}/slip`}>
          {t.slip}
        </a>
        <a class="btn s" href={`${base}/data`}>
          {t.exportPage}
        </a>
        <a class="btn s" href={`${base}/data.json`} download={`warga-${r.id}.json`}>
          {t.exportJson}
        </a>
        {a ? (
          <ActionButton
            ctx={ctx}
            action={`${base}/hapus-data`}
            label={t.erase}
            confirm={t.eraseText.join(' ')}
            danger
          />
        ) : null}
      </div>
    </>
  );
}
