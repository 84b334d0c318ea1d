import { Writable } from 'node:stream';
import { runWithCorrelation } from './correlation.context';
import { createLogger } from './logger.factory';
import { PinoNestLogger } from './pino-nest.logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, destination };
}

describe(createLogger.name, () => {
  it('should write JSON with service, textual level and ISO time when logging', () => {
    const { lines, destination } = capture();

    createLogger({ service: 'merchant-registry', destination }).info({ merchantId: 'm-1' }, 'registered');

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      service: 'merchant-registry',
      level: 'info',
      merchantId: 'm-1',
      msg: 'registered',
    });
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
    expect(lines[0]).not.toHaveProperty('correlationId');
  });

  it('should add the correlation id when logging inside a correlation context', async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 's', destination });

    await runWithCorrelation('corr-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('after an await');
    });

    expect(lines[0]).toMatchObject({ correlationId: 'corr-1', msg: 'after an await' });
  });

  it('should drop lines below the level when a level is set', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 's', level: 'warn', destination });

    logger.info('hidden');
    logger.warn('shown');

    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });
});

describe(PinoNestLogger.name, () => {
  it('should map Nest levels and contexts onto pino when Nest logs', () => {
    const { lines, destination } = capture();
    const nest = new PinoNestLogger(createLogger({ service: 's', level: 'trace', destination }));

    nest.log('Mapped {/health, GET} route', 'RouterExplorer');
    nest.warn('slow', 'Worker');
    nest.verbose('details');

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'RouterExplorer',
        msg: 'Mapped {/health, GET} route',
      }),
      expect.objectContaining({ level: 'warn', context: 'Worker', msg: 'slow' }),
      expect.objectContaining({ level: 'trace', msg: 'details' }),
    ]);
  });

  it('should keep the stack and context when Nest logs an error', () => {
    const { lines, destination } = capture();
    const nest = new PinoNestLogger(createLogger({ service: 's', destination }));
    const stack = 'Error: boom\n    at run (file.ts:1:1)';

    nest.error('boom', stack, 'ExceptionsHandler');
    nest.error(new Error('kaput'));

    expect(lines[0]).toMatchObject({ level: 'error', msg: 'boom', stack, context: 'ExceptionsHandler' });
    expect(lines[1]).toMatchObject({
      level: 'error',
      msg: 'kaput',
      err: expect.objectContaining({ message: 'kaput' }),
    });
  });
});
