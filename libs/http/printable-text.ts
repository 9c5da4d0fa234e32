import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

/**
 * Characters no name typed by a person holds: C0 controls (NUL, tab, newline…), DEL, C1 controls,
 * the line and paragraph separators, and the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), which make a name read differently from what it is.
 */
const NEVER_IN_A_NAME = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
/** Allowed in a name but shows nothing: spaces of every width, zero-width characters, the BOM. */
const INVISIBLE = '\\u0020\\u00A0\\u1680\\u2000-\\u200D\\u202F\\u205F\\u2060\\u3000\\uFEFF';

/**
 * Leading invisible characters, then a visible one, then anything allowed. The three classes
 * part ways where they meet, so the match never backtracks more than once over the string
 * (a looser `[^…]*[^…][^…]*` is quadratic on a long refused name). The OpenAPI document carries
 * it as the field's `pattern`, so a generated client or Schemathesis agrees with the server.
 */
export const PRINTABLE_NAME_PATTERN = new RegExp(`^[${INVISIBLE}]*[^${NEVER_IN_A_NAME}${INVISIBLE}][^${NEVER_IN_A_NAME}]*$`);

/**
 * A name a person types (display name, cabinet name, a patient's first and last names, the name
 * on an appointment): a string with at least one visible character and no control or
 * bidirectional-control character. Put it before any other pattern of the field: the OpenAPI
 * document states the first one.
 */
export const IsPrintableName = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Matches(PRINTABLE_NAME_PATTERN, { message: '$property must show at least one character and hold no control or bidirectional-control character' }),
  );

/**
 * Free text (medical history, consultation notes, a reason, a ledger label) may run over lines and
 * be indented: tab, newline and carriage return are allowed; NUL, the other C0 controls and DEL
 * are not (nothing types them; they break exports and terminals).
 */
const NEVER_IN_FREE_TEXT = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F';
export const FREE_TEXT_PATTERN = new RegExp(`^[^${NEVER_IN_FREE_TEXT}]*$`);

export const IsFreeText = (): PropertyDecorator =>
  applyDecorators(IsString(), Matches(FREE_TEXT_PATTERN, { message: '$property must hold no control character other than tab and line breaks' }));
