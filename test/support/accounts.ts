import { eventually } from './eventually';
import { HttpClient } from './http-client';
import { outboxMessages, recipientOf, temporaryPasswordIn } from './outbox';

export const PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  readonly accountId: string;
  readonly email: string;
  readonly http: HttpClient;
}

/** Registers a main account through the API and logs it in. */
export async function registerMainAccount(http: HttpClient, email: string, displayName: string): Promise<SignedIn> {
  const registered = await http.post('/api/v1/auth/register', { email, password: PASSWORD, displayName });
  if (registered.status !== 201) throw new Error(`register ${email}: ${registered.status} ${JSON.stringify(registered.body)}`);
  return { accountId: registered.body.accountId, email, http: http.withToken(await logIn(http, email, PASSWORD)) };
}

export async function logIn(http: HttpClient, email: string, password: string): Promise<string> {
  const session = await http.post('/api/v1/auth/login', { email, password });
  if (session.status !== 200) throw new Error(`login ${email}: ${session.status} ${JSON.stringify(session.body)}`);
  return session.body.accessToken;
}

/**
 * A provisioned specific account, as its holder would: reads the temporary password from the
 * mail in the outbox, logs in, changes it, logs in again, and chooses the name it appears by
 * (the first login's last step; the address's local part unless told, which is also the name
 * other services show before the choice). `displayName: null` stops before the choice: only
 * /me and the first-login routes answer that account.
 */
export async function signInProvisionedAccount(
  http: HttpClient,
  dataDir: string,
  email: string,
  { displayName = email.slice(0, email.indexOf('@')) }: { readonly displayName?: string | null } = {},
): Promise<SignedIn> {
  const temporaryPassword = await eventually(() => {
    const message = outboxMessages(dataDir).find((candidate) => recipientOf(candidate) === email && temporaryPasswordIn(candidate));
    if (!message) throw new Error(`no temporary password mailed to ${email} yet`);
    return temporaryPasswordIn(message)!;
  });
  const temporary = http.withToken(await logIn(http, email, temporaryPassword));
  // Read before the change: the change ends the temporary session, and its token with it.
  const me = await temporary.get('/api/v1/me');
  const changed = await temporary.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: PASSWORD });
  if (changed.status !== 204) throw new Error(`password change ${email}: ${changed.status} ${JSON.stringify(changed.body)}`);
  const signedIn = http.withToken(await logIn(http, email, PASSWORD));
  if (displayName === null) return { accountId: me.body.accountId, email, http: signedIn };
  await chooseDisplayName(signedIn, displayName);
  // The token in hand still says "choose a name first"; one issued after the choice does not.
  return { accountId: me.body.accountId, email, http: http.withToken(await logIn(http, email, PASSWORD)) };
}

export async function chooseDisplayName(signedIn: HttpClient, displayName: string): Promise<void> {
  const chosen = await signedIn.put('/api/v1/me/display-name', { displayName });
  if (chosen.status !== 204) throw new Error(`display name ${displayName}: ${chosen.status} ${JSON.stringify(chosen.body)}`);
}
