/** Optional free text as the records keep it: blank is none (null). */
export const textOrNull = (text: string | null | undefined): string | null => text?.trim() || null;
