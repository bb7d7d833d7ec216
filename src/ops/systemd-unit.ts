// The systemd unit `warganet service install` writes. It runs the built program directly (no build check: the
// install folder is read-only to the service under ProtectSystem=strict), as its own unprivileged user, with the
// data directory the only place it may write, and the hardening options systemd-analyze security looks for.
// MemoryDenyWriteExecute is left out on purpose: V8's JIT needs writable-executable memory.

export interface UnitOptions {
  readonly user: string;
  readonly dataDir: string;
  /** Where Warganet is installed (holds dist/ and node_modules/). */
  readonly installDir: string;
  readonly nodePath: string;
  readonly envFile: string;
  /** Ports it listens on: below 1024 needs CAP_NET_BIND_SERVICE. */
  readonly ports: readonly number[];
  /** The hard memory ceiling; the heap is capped at 128 MB and RSS stays near 150 MB. */
  readonly memoryMax?: string;
}

export function renderUnit(o: UnitOptions): string {
  const privileged = o.ports.some((p) => p > 0 && p < 1024);
  const state = /^\/var\/lib\/([^/]+)$/.exec(o.dataDir)?.[1];
  const underHome = /^\/(home|root|run\/user)(\/|$)/.test(o.installDir);
  return `# Written by \`warganet service install\`. Edit settings in ${o.envFile}, not here.
[Unit]
Description=Warganet village Wi-Fi (captive portal, RADIUS, MikroTik agent)
Documentation=file://${o.installDir}/README.md
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=${o.user}
Group=${o.user}
WorkingDirectory=${o.dataDir}
Environment=MALLOC_ARENA_MAX=2
Environment=WARGANET_DATA_DIR=${o.dataDir}
Environment=WARGANET_LOG_FORMAT=json
EnvironmentFile=-${o.envFile}
ExecStart=${o.nodePath} --max-semi-space-size=4 --max-old-space-size=128 ${o.installDir}/dist/src/main.js
Restart=on-failure
RestartSec=2s
TimeoutStopSec=30s
KillSignal=SIGTERM
${state ? `StateDirectory=${state}\nStateDirectoryMode=0700\n` : ''}ReadWritePaths=${o.dataDir}
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=${underHome ? 'read-only' : 'yes'}
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
CapabilityBoundingSet=${privileged ? 'CAP_NET_BIND_SERVICE' : ''}
AmbientCapabilities=${privileged ? 'CAP_NET_BIND_SERVICE' : ''}
MemoryMax=${o.memoryMax ?? '512M'}
LimitNOFILE=4096

[Install]
WantedBy=multi-user.target
`;
}

/** The environment file written when none exists: the settings an operator changes, commented. */
export function renderEnvFile(dataDir: string): string {
  return `# Warganet settings (see README, Configuration). Read by systemd at every start.
WARGANET_DATA_DIR=${dataDir}
# WARGANET_HTTP_PORT=8080
# WARGANET_RADIUS_ADDRESS=192.168.88.2
# WARGANET_VILLAGE_CODE=35.23.12.2002
# WARGANET_VILLAGE_NAME=Desa Socorejo
# WARGANET_BACKUP_KEEP=7
# WARGANET_BACKUP_PASSPHRASE=
`;
}

/** The sysctl drop-in's name (in /etc/sysctl.d). */
export const SYSCTL_FILE = '60-warganet.conf';

/**
 * A sysctl drop-in raising the socket receive buffer ceiling to what the RADIUS sockets ask for
 * (RADIUS_RECV_BUFFER_BYTES in radius/server.ts). The kernel's default ceiling (208 KiB) holds a few hundred
 * requests: in a reboot storm the kernel drops the rest before the server sees them. The service cannot set it
 * itself (ProtectKernelTunables, and it is no business of an unprivileged program).
 */
export function renderSysctl(recvBufferBytes: number): string {
  return `# Written by \`warganet service install\`: room for a reboot storm of RADIUS requests (every device of the
# village re-authenticating at once) in the RADIUS sockets' receive buffers. Applied at boot, or now with
#   sysctl -p /etc/sysctl.d/${SYSCTL_FILE}
net.core.rmem_max = ${recvBufferBytes}
`;
}
