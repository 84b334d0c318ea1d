// ops-console in the demo: role keys the five services accept, local accounts with generated passwords,
// the BFF started (production mode) after the services, and the sign-ins printed at the end.
import { CONSOLE_ROLES, ConsoleRole, consoleApiKeys, type ApiKeyDefinition } from '@merchant-pulse/config';
import { hashSync } from 'bcryptjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningService } from './service-processes';

/** The console's port (DESIGN.md). */
export const CONSOLE_PORT = 3006;

/** Demo accounts: one per role (same usernames as the development accounts). */
const DEMO_USERS: Record<ConsoleRole, { username: string; displayName: string; locale: 'zh-CN' | 'en' }> = {
  activation_agent: { username: 'activation', displayName: '激活专员 王芳', locale: 'zh-CN' },
  support_agent: { username: 'support', displayName: '售后客服 李强', locale: 'zh-CN' },
  account_manager: { username: 'manager', displayName: '客户经理 陈静', locale: 'zh-CN' },
  ops_admin: { username: 'admin', displayName: 'Ops admin', locale: 'en' },
  read_only: { username: 'viewer', displayName: '只读 审计', locale: 'zh-CN' },
};

/** One demo run's console secrets: what the services accept and what the console is started with. */
export interface DemoConsole {
  /** Entries to add to every service's API_KEYS (hashes of the role keys). */
  apiKeys: ApiKeyDefinition[];
  /** Environment of the console process. */
  env: Record<string, string>;
  /** The sign-ins to print. */
  signIns: Array<{ role: ConsoleRole; username: string; password: string }>;
}

/** Generates this run's role keys, passwords (bcrypt-hashed for the console) and session secret. */
export function demoConsole(): DemoConsole {
  const secret = () => randomBytes(32).toString('base64url');
  const keys = Object.fromEntries(CONSOLE_ROLES.map((role) => [role, secret()])) as Record<
    ConsoleRole,
    string
  >;
  const signIns = CONSOLE_ROLES.map((role) => ({
    role,
    username: DEMO_USERS[role].username,
    password: randomBytes(9).toString('base64url'),
  }));
  const users = signIns.map(({ role, username, password }) => ({
    username,
    displayName: DEMO_USERS[role].displayName,
    role,
    locale: DEMO_USERS[role].locale,
    passwordHash: hashSync(password, 10),
  }));
  return {
    apiKeys: consoleApiKeys(keys),
    env: {
      CONSOLE_USERS: JSON.stringify(users),
      CONSOLE_SERVICE_KEYS: JSON.stringify(keys),
      SESSION_SECRET: secret(),
    },
    signIns,
  };
}

/** Starts the built console (production mode) with its log in `<logDir>/ops-console.log`. */
export function startConsole(distDir: string, logDir: string, env: Record<string, string>): RunningService {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'ops-console.log'), { flags: 'a' });
  const child = spawn(process.execPath, [join(distDir, 'apps', 'ops-console', 'src', 'main.js')], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: String(CONSOLE_PORT), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { name: 'ops-console', url: `http://127.0.0.1:${CONSOLE_PORT}`, process: child };
}

/** The closing lines: where the console is and one sign-in per role. */
export function consoleReport(setup: DemoConsole, webBuilt: boolean): string[] {
  return [
    // Production mode sets Secure cookies: browsers accept them over plain HTTP only for localhost.
    `ops console: http://localhost:${CONSOLE_PORT}` +
      (webBuilt ? '' : '  — web app not built: the page explains how'),
    ...setup.signIns.map(
      ({ role, username, password }) =>
        `  ${role.padEnd(17)} username ${username.padEnd(11)} password ${password}`,
    ),
  ];
}
