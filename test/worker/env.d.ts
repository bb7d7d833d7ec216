declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    WARGANET_REGENCY_ADMIN_TOKEN: string;
    WARGANET_REGENCY_TOKEN_SECRET: string;
  }
}
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../../src/worker.js');
  }
}
