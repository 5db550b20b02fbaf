// An error answered with an error hash: `{"errors": {"field": ["message", ...]}}`, the shape the
// API documents for every failure (plus `message` where the documents show one).

export type ErrorHash = { message?: string; errors: Record<string, string[]> };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorHash,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }

  static of(status: number, field: string, message: string, headers?: Record<string, string>): ApiError {
    return new ApiError(status, { errors: { [field]: [message] } }, headers);
  }

  static notFound(what = 'record'): ApiError {
    return ApiError.of(404, 'base', `${what} not found`);
  }
}

/** Collects validation messages per field, the way a Rails model's `errors` does. */
export class FieldErrors {
  // No prototype: errors about a field named "constructor" or "__proto__" (an unpermitted
  // attribute, say) must land in their own entry, not on what Object.prototype already holds.
  private readonly map: Record<string, string[]> = Object.create(null) as Record<string, string[]>;

  add(field: string, message: string): void {
    (this.map[field] ??= []).push(message);
  }

  has(field: string): boolean {
    return field in this.map;
  }

  get any(): boolean {
    return Object.keys(this.map).length > 0;
  }

  /** Throws the collected errors as a 422 (or the given status), with an optional top-level message. */
  throwIfAny(status = 422, message?: string): void {
    if (!this.any) return;
    throw new ApiError(status, message ? { message, errors: this.map } : { errors: this.map });
  }
}
