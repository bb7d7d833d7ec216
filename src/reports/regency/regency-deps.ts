// What the regency Worker's routes are built from (src/worker.ts wires them over D1).
import type { Context } from 'hono';
import type { AccessService, Reader } from '../../services/regency/regency-access.js';
import type { IngestService } from '../../services/regency/regency-ingest.js';
import type { RegencyMaintenance } from '../../services/regency/regency-maintenance.js';
import type { RegencyViewService } from '../../services/regency/regency-view.js';
import type { Lang } from '../../web/lang.js';

export interface RegencyDeps {
  readonly ingest: IngestService;
  readonly access: AccessService;
  readonly view: RegencyViewService;
  readonly maintenance: RegencyMaintenance;
  /** e.g. "Kabupaten Tuban": the letterhead of the pages and the monthly report. */
  readonly regencyName: string;
  readonly timeZone: string;
  readonly now: () => number;
  /** Statements sent to D1 so far by this request (shown in the X-D1-Statements header); absent elsewhere. */
  readonly statements?: (() => number) | undefined;
}

export type RegencyEnv = {
  Variables: {
    nonce: string;
    lang: Lang;
    requestId: string;
    reader: Reader | undefined;
  };
};
export type RegencyContext = Context<RegencyEnv>;
