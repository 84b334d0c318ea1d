import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

/**
 * Errors the use cases throw. They are Nest HTTP exceptions, so the platform's global filter answers
 * them as they are (`{statusCode, error, message, ...}`) — consumers and jobs treat them as rule refusals.
 */
export class NotFoundError extends NotFoundException {
  constructor(entity: string, id: string) {
    super({ message: `${entity} ${id} not found`, entity, id });
  }
}

/** A status machine refused a move: 409 with where it is and where it may go. */
export class IllegalTransitionError extends ConflictException {
  constructor(entity: string, currentStatus: string, requested: string, allowedNext: readonly string[]) {
    super({
      message: `${entity} in status ${currentStatus} cannot move to ${requested}`,
      currentStatus,
      requested,
      allowedNext,
    });
  }
}

/** A business rule refused the command: 422 with a machine-readable code. */
export class RuleViolationError extends UnprocessableEntityException {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super({ message, code });
  }
}

/** The command conflicts with the current state (already answered, already merged…): 409 with a code. */
export class StateConflictError extends ConflictException {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super({ message, code });
  }
}
