/**
 * The web application's pages identity's mail links to (web/src/app/router.tsx), under the
 * platform's public URL (PUBLIC_URL, without a trailing slash).
 */
export const webPages = {
  login: '/connexion',
  passwordReset: '/mot-de-passe/reinitialiser',
  cabinets: '/cabinets',
} as const;

export function webPageUrl(publicUrl: string, page: keyof typeof webPages): string {
  return `${publicUrl}${webPages[page]}`;
}
