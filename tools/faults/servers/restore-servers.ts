import { ensureServersUp } from './servers';

/** `node dist/tools/faults/servers/restore-servers.js`: the suite's last word — servers up, or say which is not. */
async function main(): Promise<void> {
  const problems = await ensureServersUp();
  for (const p of problems) console.error(`[faults] NOT RESTORED ${p}`);
  console.log(problems.length === 0 ? '[faults] kafka, postgres and redis answer' : '');
  process.exit(problems.length === 0 ? 0 : 1);
}

void main();
