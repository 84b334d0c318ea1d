// `npm run -s console:api-keys`: prints the API_KEYS value that lets services started for development
// accept the ops console's development role keys, e.g.
//   API_KEYS="$(npm run -s console:api-keys)" NODE_ENV=development npm run start:merchant-registry
// (`npm run console` uses those public development keys when CONSOLE_SERVICE_KEYS is unset).
// `--with-admin <secret>` adds a `*` key for curl.
import { consoleApiKeys } from '@merchant-pulse/config';
import { createHash } from 'node:crypto';
import { DEVELOPMENT_SERVICE_KEYS } from '../../apps/ops-console/src/config/service-keys';

const adminAt = process.argv.indexOf('--with-admin');
const admin = adminAt >= 0 ? process.argv[adminAt + 1] : undefined;
const keys = [
  ...consoleApiKeys(DEVELOPMENT_SERVICE_KEYS),
  ...(admin
    ? [{ id: 'dev-admin', sha256: createHash('sha256').update(admin).digest('hex'), scopes: ['*'] }]
    : []),
];
console.log(JSON.stringify(keys));
