import { ApiError } from '../api/api-error';

/**
 * A 400 shows under each field the API named; anything else (or a field the form does not
 * have) is for the form's general message. What the person typed is left as it is.
 */
export function applyApiFieldErrors(error: unknown, knownFields: readonly string[], setFieldError: (field: string, message: string) => void, message: string): boolean {
  if (!(error instanceof ApiError) || error.status !== 400) return false;
  let shown = false;
  for (const field of error.fields) {
    const root = field.split(/[.[]/)[0];
    if (knownFields.includes(root)) {
      setFieldError(root, message);
      shown = true;
    }
  }
  return shown;
}
