import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { toStorableText } from './storable-values';

/** One reason a message does not match its contract: the dotted field path and what is wrong. */
export interface ContractIssue {
  /** Dotted path from the validated root, e.g. `payload.reasons.0.code`. */
  path: string;
  /** Human-readable violation, e.g. `code must be a string`. */
  message: string;
}

/**
 * `strict` (producers, raw transactions): unknown fields are violations.
 * `tolerant` (consumers of events): unknown fields are dropped, so a producer may add an optional
 * field to a v1 event without breaking older consumers.
 */
export type ValidationMode = 'strict' | 'tolerant';

/** Result of {@link validateContract}: the class instance and every issue found (empty when valid). */
export interface ContractValidation<T> {
  instance: T;
  issues: ContractIssue[];
}

/** Turns a plain object into an instance of `cls` (nested classes included) and validates it. */
export function validateContract<T extends object>(
  cls: ClassConstructor<T>,
  plain: object,
  mode: ValidationMode,
  pathPrefix = '',
): ContractValidation<T> {
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: mode === 'strict',
    forbidUnknownValues: true,
  });
  return { instance, issues: flattenErrors(errors, pathPrefix) };
}

function flattenErrors(errors: ValidationError[], prefix: string): ContractIssue[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenErrors(error.children ?? [], path)];
  });
}

/** Longest detail string we put in a result or a Kafka header. */
export const MAX_DETAIL_LENGTH = 1000;

/**
 * A detail we write into a dead letter, a header or a table: at most {@link MAX_DETAIL_LENGTH}
 * characters and storable (a hostile field name may carry a NUL or a lone surrogate).
 */
export function toDetail(text: string): string {
  const capped = text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH - 1)}…` : text;
  return toStorableText(capped);
}

/** `path: message; path: message` — capped at {@link MAX_DETAIL_LENGTH} characters, storable. */
export function formatIssues(issues: ContractIssue[]): string {
  return toDetail(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
}
