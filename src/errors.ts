/**
 * Errors a client can cause, each with an HTTP status and a stable `code` that clients and tests
 * match on. The message says what to do next. Anything else is a bug and is answered 500 by the
 * central handler without details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} was not found`);
  }
}

export class ConversationNotFoundError extends AppError {
  constructor() {
    super(
      404,
      'conversation_not_found',
      'no conversation with this id; start a new one with POST /api/v1/conversations',
    );
  }
}

export class UnknownChoiceError extends AppError {
  constructor(choice: string, offered: string[]) {
    super(
      422,
      'unknown_choice',
      `choice "${choice.slice(0, 60)}" is not offered now; offered: ${offered.join(', ') || 'none'}`,
    );
  }
}

export class NoInputExpectedError extends AppError {
  constructor() {
    super(
      409,
      'no_input_expected',
      'the assistant is not asking for a value now; send a choice or text',
    );
  }
}

export class UnknownPathError extends AppError {
  constructor(path: string, known: string[]) {
    super(
      400,
      'unknown_path',
      `unknown help path "${path.slice(0, 60)}"; known: ${known.join(', ')}`,
    );
  }
}

export class TurnIdReusedError extends AppError {
  constructor() {
    super(
      409,
      'turn_id_reused',
      'this turnId was already used for a different turn; send each new turn with a new turnId',
    );
  }
}

/** Another process wrote the conversation first; the engine retries the turn. */
export class ConflictError extends Error {
  readonly code = 'CONCURRENT_TURN';
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'the service is briefly unavailable; please try again in a moment') {
    super(503, 'unavailable', message);
  }
}
