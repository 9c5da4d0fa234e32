/**
 * A display name as the API accepts it (IsPrintableName in libs/http): at least one visible
 * character, no control or bidirectional-control character, 120 characters at most once trimmed.
 */
const NEVER_IN_A_NAME = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
const INVISIBLE = '\\u0020\\u00A0\\u1680\\u2000-\\u200D\\u202F\\u205F\\u2060\\u3000\\uFEFF';
const PRINTABLE_NAME = new RegExp(`^[${INVISIBLE}]*[^${NEVER_IN_A_NAME}${INVISIBLE}][^${NEVER_IN_A_NAME}]*$`);

export const DISPLAY_NAME_MAX_LENGTH = 120;

export type DisplayNameProblem = 'required' | 'tooLong' | 'invalid';

export function displayNameProblem(value: string): DisplayNameProblem | null {
  const trimmed = value.trim();
  if (trimmed.length === 0) return 'required';
  if (trimmed.length > DISPLAY_NAME_MAX_LENGTH) return 'tooLong';
  return PRINTABLE_NAME.test(trimmed) ? null : 'invalid';
}
