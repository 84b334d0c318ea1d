/**
 * Errors use cases throw; {@link DomainErrorFilter} turns them into HTTP answers, so use cases stay
 * free of transport concerns (the same use case serves REST, consumers and jobs).
 */
export abstract class DomainError extends Error {
  /** HTTP status the error maps to. */
  abstract readonly status: number;
  /** Extra fields of the response body. */
  body(): Record<string, unknown> {
    return {};
  }
}

/** The thing addressed does not exist (404). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/** A status machine refused a move (409 with where it is and where it may go). */
export class IllegalTransitionError extends DomainError {
  readonly status = 409;
  constructor(
    readonly entity: string,
    readonly currentStatus: string,
    readonly requested: string,
    readonly allowedNext: readonly string[],
  ) {
    super(`${entity} in status ${currentStatus} cannot move to ${requested}`);
  }
  override body(): Record<string, unknown> {
    return { currentStatus: this.currentStatus, requested: this.requested, allowedNext: this.allowedNext };
  }
}

/** Onboarding requirements are still due (422 with the machine-readable list). */
export class RequirementsDueError extends DomainError {
  readonly status = 422;
  constructor(
    readonly currentlyDue: readonly string[],
    readonly blockedReason: string | null,
  ) {
    super(`Requirements still due: ${currentlyDue.join(', ')}`);
  }
  override body(): Record<string, unknown> {
    return { currentlyDue: this.currentlyDue, blockedReason: this.blockedReason };
  }
}

/** A business rule refused the command (422 by default, or 409 for conflicts with existing state). */
export class BusinessRuleError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 422,
  ) {
    super(message);
  }
  override body(): Record<string, unknown> {
    return { code: this.code };
  }
}
