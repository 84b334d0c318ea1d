import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OpsConsoleConfig } from '../config/ops-console.config';

/** Paths the BFF answers itself; everything else belongs to the web app. */
const BFF_PATHS = /^\/(api|health|metrics|docs)(\/|-json|$)/;
/** Vite's content-hashed build output: safe to cache for a year. */
const HASHED_ASSET = /^\/assets\//;

/** Where the built web app lives (`CONSOLE_WEB_DIR`, default `dist/apps/ops-console/web`). */
export function webAppDir(config: Pick<OpsConsoleConfig, 'CONSOLE_WEB_DIR'>): string {
  return resolve(config.CONSOLE_WEB_DIR ?? join(process.cwd(), 'dist', 'apps', 'ops-console', 'web'));
}

/**
 * Serves the built single-page app at `/`: files as they are (hashed `/assets/*` cached immutable for
 * a year), any other GET of a non-BFF path → `index.html` (not cached) so client-side routes survive a
 * reload. Until the web app is built, those paths answer 503 with a plain-text hint.
 */
@Injectable()
export class WebAppMiddleware implements NestMiddleware {
  private readonly dir: string;
  private readonly files: express.Handler;

  constructor(config: OpsConsoleConfig) {
    this.dir = webAppDir(config);
    this.files = express.static(this.dir, {
      index: false,
      fallthrough: true,
      setHeaders: (response, path) => {
        const relative = path.slice(this.dir.length).replace(/\\/g, '/');
        response.setHeader(
          'Cache-Control',
          HASHED_ASSET.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    // Nest mounts middleware under a wildcard, which Express strips from `url`/`path`: use the original.
    const path = request.originalUrl.split('?')[0];
    if ((request.method !== 'GET' && request.method !== 'HEAD') || BFF_PATHS.test(path)) return next();
    const index = join(this.dir, 'index.html');
    if (!existsSync(index)) {
      response
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          `The ops console web app is not built (no ${index}).\n` +
            '`npm run build` builds it (Vite, after the services); then reload. The API is up: /api, /docs, /health/ready.\n',
        );
      return;
    }
    request.url = request.originalUrl;
    this.files(request, response, () => {
      // A missing file is a 404, not the app shell (a stale tab would parse HTML as JS).
      if (HASHED_ASSET.test(path) || /\.[a-z0-9]{1,8}$/i.test(path)) {
        response.status(404).type('text/plain; charset=utf-8').send('Not found\n');
        return;
      }
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  }
}
