import { EntityManager } from 'typeorm';
import { KafkaLibLogger } from '../kafka.client';
import { describeError, errorSignature } from './consumer-error.classifier';
import { ChunkHandler, InvalidItem, Rejection, ValidItem } from './consumer.types';
import { DeadLetter } from './dead-letter.publisher';

/** What {@link isolatePoison} needs. */
export interface IsolationOptions<T> {
  handle: ChunkHandler<T>;
  heartbeat: () => Promise<void>;
  /** True when an error may be caused by the messages themselves (see `isPoisonCandidate`). */
  isPoison: (error: unknown) => boolean;
  logger?: KafkaLibLogger;
}

/**
 * Parts tried at one bisection level, none succeeding, all failing like the whole chunk — and the two
 * halves of the first of them failing too: the failure is the chunk's environment (a handler bug for
 * every message, a schema out of date), not a message. Costs 1 + 2 + 4 + 2 attempts to find out.
 */
const CHUNK_WIDE_PARTS = 4;

/** Thrown when every part of a chunk fails the same way: retried, never dead-lettered. */
export class ChunkWideFailure extends Error {
  override readonly name = 'ChunkWideFailure';
  constructor(override readonly cause: unknown) {
    super(`every part of the chunk fails the same way: ${describeError(cause)}`);
  }
}

/** A message of the chunk, parsed or not, kept in offset order so a half is a real half. */
type Unit<T> = { valid: ValidItem<T> } | { invalid: InvalidItem };

type Attempt = { ok: true; rejections: Rejection[] } | { ok: false; error: unknown };

/**
 * Applies a chunk in the caller's transaction inside a savepoint. When it fails on an error a message
 * can cause, bisects — each part in its own savepoint, breadth first, heartbeating between parts —
 * until each failing message is alone; it is then counted as `processing_failed` (handed to the
 * handler as invalid) and returned as a dead letter. Parsed and unparsed messages are bisected alike,
 * so an unparsed message that fails is isolated like any other. Errors that are not poison candidates,
 * and a chunk whose parts all fail the same way ({@link ChunkWideFailure}), are thrown: the caller
 * rolls back and retries. Anything a rolled-back part registered on the transaction (after-commit
 * hooks in `queryRunner.data`) is dropped with it.
 */
export async function isolatePoison<T>(
  manager: EntityManager,
  chunk: { valid: ValidItem<T>[]; invalid: InvalidItem[] },
  options: IsolationOptions<T>,
): Promise<DeadLetter[]> {
  if (chunk.valid.length + chunk.invalid.length === 0) return [];
  const whole = await attempt(manager, chunk, false, options.handle);
  if (whole.ok) return whole.rejections;
  if (!options.isPoison(whole.error)) throw whole.error;
  const units = unitsOf(chunk);
  options.logger?.warn(
    { err: describeError(whole.error), size: units.length },
    'chunk failed; bisecting to isolate the poison message',
  );
  return bisect(manager, units, whole.error, options);
}

/** Breadth-first bisection of a chunk that failed with `wholeError` (see {@link isolatePoison}). */
async function bisect<T>(
  manager: EntityManager,
  units: Unit<T>[],
  wholeError: unknown,
  options: IsolationOptions<T>,
): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  const sameAsWhole = (f: { error: unknown }) => errorSignature(f.error) === errorSignature(wholeError);
  let anySucceeded = false;
  // Set when a whole level failed like the chunk: the next level's first two parts (halves of the
  // first failed part) decide — one succeeding proves the failures are the messages'.
  let suspectChunkWide = false;
  let level: Unit<T>[][] = units.length > 1 ? halves(units) : [units];
  while (level.length > 0) {
    const failed: Array<{ part: Unit<T>[]; error: unknown }> = [];
    for (const [index, part] of level.entries()) {
      await options.heartbeat().catch(() => undefined);
      const result: Attempt =
        part === units
          ? { ok: false, error: wholeError }
          : await attempt(manager, chunkOf(part), true, options.handle);
      if (result.ok) {
        letters.push(...result.rejections);
        anySucceeded = true;
      } else if (!options.isPoison(result.error)) {
        throw result.error;
      } else failed.push({ part, error: result.error });
      if (suspectChunkWide && index === 1) {
        if (!anySucceeded && failed.every(sameAsWhole)) throw new ChunkWideFailure(wholeError);
        suspectChunkWide = false;
      }
    }
    suspectChunkWide =
      !anySucceeded &&
      level.length >= CHUNK_WIDE_PARTS &&
      failed[0].part.length > 1 &&
      failed.every(sameAsWhole);
    level = [];
    for (const { part, error } of failed) {
      if (part.length > 1) level.push(...halves(part));
      else letters.push(...(await deadLetterAlone(manager, part[0], error, options)));
    }
  }
  return letters;
}

/** A message that fails alone: counted as `processing_failed` when it parsed, then dead-lettered. */
async function deadLetterAlone<T>(
  manager: EntityManager,
  unit: Unit<T>,
  error: unknown,
  options: IsolationOptions<T>,
): Promise<DeadLetter[]> {
  const meta = 'valid' in unit ? unit.valid.meta : unit.invalid.meta;
  options.logger?.error(
    {
      err: describeError(error),
      topic: meta.topic,
      partition: meta.partition,
      offset: meta.offset,
      correlationId: meta.headers['correlation-id']?.toString(),
    },
    'poison message dead-lettered',
  );
  // An unparsed message is dead-lettered by the caller already; it only could not be counted.
  if ('invalid' in unit) return [];
  const letter: InvalidItem = { meta, reason: 'processing_failed', detail: describeError(error) };
  const counted = await attempt(manager, { valid: [], invalid: [letter] }, true, options.handle);
  if (!counted.ok) {
    if (!options.isPoison(counted.error)) throw counted.error;
    options.logger?.error(
      { err: describeError(counted.error), offset: meta.offset },
      'could not record dead letter',
    );
  }
  return [letter];
}

/** Runs the handler inside a savepoint: released on success, rolled back (with its hooks) on failure. */
async function attempt<T>(
  manager: EntityManager,
  chunk: { valid: ValidItem<T>[]; invalid: InvalidItem[] },
  isolated: boolean,
  handle: ChunkHandler<T>,
): Promise<Attempt> {
  const marks = markTransactionData(manager);
  await manager.query('SAVEPOINT pulse_chunk_part');
  try {
    const rejections = (await handle(chunk, { manager, isolated })) ?? [];
    await manager.query('RELEASE SAVEPOINT pulse_chunk_part');
    return { ok: true, rejections };
  } catch (error) {
    await manager.query('ROLLBACK TO SAVEPOINT pulse_chunk_part; RELEASE SAVEPOINT pulse_chunk_part');
    marks.restore();
    return { ok: false, error };
  }
}

/** Remembers the length of every list on the transaction's `queryRunner.data`, to truncate back to. */
function markTransactionData(manager: EntityManager): { restore(): void } {
  const data = manager.queryRunner?.data as Record<string, unknown> | undefined;
  if (!data) return { restore: () => undefined };
  const lengths = new Map<string, number>();
  for (const [key, value] of Object.entries(data)) if (Array.isArray(value)) lengths.set(key, value.length);
  return {
    restore: () => {
      for (const [key, value] of Object.entries(data)) {
        if (!Array.isArray(value)) continue;
        value.length = Math.min(value.length, lengths.get(key) ?? 0);
      }
    },
  };
}

function unitsOf<T>(chunk: { valid: ValidItem<T>[]; invalid: InvalidItem[] }): Unit<T>[] {
  const units: Unit<T>[] = [
    ...chunk.valid.map((valid) => ({ valid })),
    ...chunk.invalid.map((invalid) => ({ invalid })),
  ];
  return units.sort((a, b) => compareOffsets(metaOf(a).offset, metaOf(b).offset));
}

function chunkOf<T>(units: Unit<T>[]): { valid: ValidItem<T>[]; invalid: InvalidItem[] } {
  const valid: ValidItem<T>[] = [];
  const invalid: InvalidItem[] = [];
  for (const unit of units) {
    if ('valid' in unit) valid.push(unit.valid);
    else invalid.push(unit.invalid);
  }
  return { valid, invalid };
}

function halves<T>(units: Unit<T>[]): Unit<T>[][] {
  const middle = Math.ceil(units.length / 2);
  return [units.slice(0, middle), units.slice(middle)];
}

const metaOf = <T>(unit: Unit<T>) => ('valid' in unit ? unit.valid.meta : unit.invalid.meta);

function compareOffsets(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
