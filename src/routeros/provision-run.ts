// Reads what a router has, plans the differences and applies them one by one, stopping at the first failure so
// the report says exactly what was done. Running it again continues where it stopped: the plan is recomputed.
import type { ProvisionReport, ProvisionSpec, UserProfileSpec } from '../services/routers/router-gateway.js';
import { add, fetchToFile, print, type RouterOsSession, readResource, remove, set } from './commands.js';
import {
  hotspotAddressOf,
  type Operation,
  OWNER_COMMENT,
  PAGE_DIRECTORY,
  type PlannedStep,
  planProvisioning,
  planUserProfiles,
  type RouterSnapshot,
  UPLINK_QUEUE,
} from './provision-plan.js';

const USER_PROFILE_PROPS = ['.id', 'name', 'rate-limit', 'shared-users', 'on-login', 'default'];

export async function readSnapshot(s: RouterOsSession, spec: ProvisionSpec): Promise<RouterSnapshot> {
  const resource = await readResource(s);
  const owned = { where: { comment: OWNER_COMMENT } };
  const [radius, incoming, servers, profiles, userProfiles, garden, gardenIp, queues, localUsers] =
    await Promise.all([
      print(s, '/radius'),
      print(s, '/radius/incoming'),
      print(s, '/ip/hotspot', { proplist: ['.id', 'name', 'interface', 'profile', 'disabled'] }),
      print(s, '/ip/hotspot/profile'),
      print(s, '/ip/hotspot/user/profile', { proplist: USER_PROFILE_PROPS }),
      print(s, '/ip/hotspot/walled-garden', owned),
      print(s, '/ip/hotspot/walled-garden/ip', owned),
      print(s, '/queue/simple', { where: { name: UPLINK_QUEUE } }),
      // Only counted, for the dry run's word that they keep working; never changed.
      print(s, '/ip/hotspot/user', { proplist: ['.id'] }),
    ]);
  const pageFiles = new Set<string>();
  if (spec.portal) {
    for (const page of spec.pages) {
      const name = `${PAGE_DIRECTORY}/${page.file}`;
      if ((await print(s, '/file', { proplist: ['name'], where: { name } })).length > 0) pageFiles.add(name);
    }
  }
  return {
    version: resource.version,
    radius,
    radiusIncoming: incoming[0] ?? {},
    hotspotServers: servers,
    hotspotProfiles: profiles,
    userProfiles,
    walledGarden: garden,
    walledGardenIp: gardenIp,
    pageFiles,
    uplinkQueues: queues,
    localUsers: localUsers.length,
  };
}

export interface RunOptions {
  readonly dryRun: boolean;
  /** `/tool/fetch` waits for a download over the village uplink: longer than a configuration command. */
  readonly fetchTimeoutMs: number;
  readonly onStep?: ((applied: number, total: number) => void) | undefined;
}

/** Plans and (unless a dry run) applies; a failure while applying is returned in the report, not thrown. */
export async function provisionRouter(
  s: RouterOsSession,
  spec: ProvisionSpec,
  opts: RunOptions,
): Promise<Omit<ProvisionReport, 'error'> & { failure?: unknown }> {
  const snap = await readSnapshot(s, spec);
  const plan = planProvisioning(spec, snap);
  const base = {
    rosVersion: snap.version,
    changes: plan.steps.map((x) => x.change),
    notes: plan.notes,
    hotspotAddress: hotspotAddressOf(spec, snap),
  };
  if (opts.dryRun) return { ...base, applied: 0 };
  const { applied, failure } = await applySteps(s, plan.steps, opts.fetchTimeoutMs, opts.onStep);
  return { ...base, applied, failure };
}

/** Pushes user profiles only (a plan change); returns the steps applied. Throws on failure. */
export async function pushUserProfiles(
  s: RouterOsSession,
  profiles: readonly UserProfileSpec[],
): Promise<PlannedStep[]> {
  const rows = await print(s, '/ip/hotspot/user/profile', { proplist: USER_PROFILE_PROPS });
  const plan = planUserProfiles(profiles, rows, { removeOthers: false });
  if (plan.notes.some((n) => n.level === 'problem')) throw new ProfileConflictError(plan.notes[0]!.message);
  for (const x of plan.steps) await apply(s, x.op, 0);
  return plan.steps;
}

export class ProfileConflictError extends Error {
  override name = 'ProfileConflictError';
}

async function applySteps(
  s: RouterOsSession,
  steps: readonly PlannedStep[],
  fetchTimeoutMs: number,
  onStep: ((applied: number, total: number) => void) | undefined,
): Promise<{ applied: number; failure?: unknown }> {
  let applied = 0;
  onStep?.(0, steps.length);
  for (const x of steps) {
    try {
      await apply(s, x.op, fetchTimeoutMs);
    } catch (failure) {
      return { applied, failure };
    }
    applied++;
    onStep?.(applied, steps.length);
  }
  return { applied };
}

async function apply(s: RouterOsSession, op: Operation, fetchTimeoutMs: number): Promise<void> {
  switch (op.kind) {
    case 'add':
      await add(s, op.menu, op.props);
      return;
    case 'set':
      await set(s, op.menu, op.id, op.props);
      return;
    case 'remove':
      await remove(s, op.menu, op.id);
      return;
    case 'fetch':
      await fetchToFile(s, op.url, op.dstPath, fetchTimeoutMs);
      return;
  }
}
