import { Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApiConflict,
  ApiNotFound,
  ApiStandardErrors,
  buildOpenApiDocument,
  Public,
  writeOpenApiDocument,
} from '@merchant-pulse/http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '../asyncapi/generate-asyncapi';
import { listServices, missingStandardErrors } from './generate-openapi';

@ApiStandardErrors()
@Controller('v1/widgets')
class WidgetsController {
  @Get(':id')
  @ApiNotFound('No widget with this id')
  get(@Param('id') id: string) {
    return { id };
  }

  @Post(':id/lock')
  @ApiConflict('Already locked')
  lock() {
    return {};
  }
}

@Public()
@Controller('ping')
class PingController {
  @Get()
  ping() {
    return 'pong';
  }
}

@Controller('v1/bare')
class BareController {
  @Get()
  bare() {
    return {};
  }
}

/** Its constructor would throw if instantiated: preview mode must not instantiate it. */
class ExplodingService {
  constructor() {
    throw new Error('instantiated a provider while generating OpenAPI');
  }
}

@Module({ controllers: [WidgetsController, PingController, BareController], providers: [ExplodingService] })
class WidgetsModule {}

interface Doc {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; responses: Record<string, { description: string }> }>
  >;
  components: { schemas: Record<string, unknown> };
}

describe('OpenAPI generation', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'openapi-spec-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const generate = async (): Promise<{ text: string; doc: Doc }> => {
    const file = join(dir, 'widgets.json');
    await writeOpenApiDocument(
      {
        module: WidgetsModule,
        service: 'widgets',
        version: '1.2.3',
        config: { HOST: '127.0.0.1', PORT: 0, LOG_LEVEL: 'error' },
      },
      file,
    );
    const text = readFileSync(file, 'utf8');
    return { text, doc: JSON.parse(text) as Doc };
  };

  it('should write the document without instantiating providers (preview mode)', async () => {
    const { doc } = await generate();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/ping',
      '/v1/bare',
      '/v1/widgets/{id}',
      '/v1/widgets/{id}/lock',
    ]);
  });

  it('should document 400 field errors, 401, 403 and 429 on every route of a controller with @ApiStandardErrors()', async () => {
    const { doc } = await generate();
    for (const op of [doc.paths['/v1/widgets/{id}'].get, doc.paths['/v1/widgets/{id}/lock'].post])
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    expect(doc.paths['/v1/widgets/{id}'].get.responses['404'].description).toBe('No widget with this id');
    expect(doc.paths['/v1/widgets/{id}/lock'].post.responses['409'].description).toBe('Already locked');
    expect(doc.components.schemas).toHaveProperty('ValidationErrorResponse');
    expect(doc.components.schemas).toHaveProperty('FieldErrorResponse');
  });

  it('should mark @Public() routes as needing no API key (security: [])', async () => {
    const { doc } = await generate();
    expect(doc.paths['/ping'].get.security).toEqual([]);
    expect(doc.paths['/v1/bare'].get.security).toBeUndefined(); // inherits the document-wide API key
  });

  it('should name guarded operations that lack the standard errors, and only those', async () => {
    const { text } = await generate();
    expect(missingStandardErrors(text)).toEqual(['GET /v1/bare: 400, 401, 403, 429']);
  });

  it('should produce the same bytes twice (deterministic, so the freshness check is meaningful)', async () => {
    const first = (await generate()).text;
    expect((await generate()).text).toBe(first);
  });

  it('should build the same document a running app serves at /docs-json', async () => {
    const app = await NestFactory.create(WidgetsModule, { preview: true, logger: false });
    const served = buildOpenApiDocument(app, { service: 'widgets', version: '1.2.3' });
    expect(JSON.parse((await generate()).text)).toEqual(JSON.parse(JSON.stringify(served)));
  });

  it('should list every app with a main.ts as a service', () => {
    expect(listServices(findRepoRoot())).toEqual(
      expect.arrayContaining(['churn-scoring', 'merchant-registry', 'transaction-ingestion']),
    );
  });
});
