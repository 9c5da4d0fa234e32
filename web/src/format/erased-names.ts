/**
 * What the API gives in place of a person's name (and address) once their account was erased
 * (the right to erasure): screens show the catalog's `common:erasedAccount` instead.
 */
export const ERASED_NAME = '[erased]';

export function isErasedName(name: string | null | undefined): boolean {
  return name === ERASED_NAME;
}
