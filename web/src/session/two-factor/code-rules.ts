/** The 6 digits an authenticator app shows (RFC 6238 as apps compute it). */
export const CODE_PATTERN = /^\d{6}$/;
/** A recovery code as shown at enrolment (`k7d2-9xqm-3fpa`); case, spaces and dashes do not matter. */
export const RECOVERY_CODE_PATTERN = /^[\s-]*(?:[a-z0-9][\s-]*){12}$/i;
