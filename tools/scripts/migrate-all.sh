#!/usr/bin/env bash
# Applies pending migrations of every service with the TypeORM CLI, each as its schema's owner role
# (DATABASE_MIGRATION_URL; locally `<schema>`, while the services run as the DML-only `<schema>_app`)
# (production runs this as a release step and sets DB_MIGRATE_ON_BOOT=false on the services).
set -euo pipefail
cd "$(dirname "$0")/../.."
for app in merchant-registry transaction-ingestion churn-scoring reactivation-campaigns after-sales-tickets; do
  echo "== $app"
  npx typeorm migration:run -d "dist/apps/$app/src/database/$app.data-source.js"
done
