import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventStore, handleCommand } from '@osteo/event-sourcing';
import { Clock } from '@osteo/platform';
import { PASSWORD_RESET_TTL_MINUTES, accountDecider, accountStreamId } from '../../domain/account';
import { normalizeEmail } from '../../domain/email-address';
import { AccountLookup } from '../accounts/account-lookup';
import { newPasswordResetToken } from '../password-reset/password-reset-tokens';
import { Mailer } from '@osteo/mail';
import { IdentitySettings } from '../ports';
import type { RequestContext } from '../request-context/request-context';
import { PasswordResetThrottle, tooManyAttempts } from '../throttling';
import { webPageUrl } from '../web-pages/web-pages';
import { type MailLanguage, passwordResetMail } from './password-reset-mails';

export interface RequestPasswordResetInput {
  readonly email: string;
  /** The language of the page the request came from: the mail's, unless the account chose one. */
  readonly language?: MailLanguage;
}

/**
 * "Mot de passe oublié". The caller's answer never depends on whether the address has an account:
 * once the throttle lets the request through, the answer is given at once, and looking the
 * address up, recording the secret and mailing the link happen afterwards, so neither the answer
 * nor its timing says whether there was anything to send.
 */
@Injectable()
export class RequestPasswordResetHandler implements OnModuleDestroy {
  private readonly logger = new Logger('identity.password-reset');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly accounts: AccountLookup,
    private readonly throttle: PasswordResetThrottle,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly settings: IdentitySettings,
  ) {}

  /** Returns once the request is accepted; the mail, if any, follows. */
  async accept(input: RequestPasswordResetInput, context: RequestContext): Promise<void> {
    const email = normalizeEmail(input.email);
    const retryAfter = await this.throttle.reserve(email, context.clientAddress);
    if (retryAfter !== null) throw tooManyAttempts('AUTH.TOO_MANY_ATTEMPTS', 'password reset requests', retryAfter);

    const work = this.mailLinkIfAccountExists(email, input.language ?? null, context)
      .catch((error: unknown) => {
        // The caller already has its answer; the holder can ask again.
        this.logger.error(`Password reset request ${context.correlationId} failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Before the stores close, so no accepted request is cut off halfway. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async mailLinkIfAccountExists(email: string, pageLanguage: MailLanguage | null, context: RequestContext): Promise<void> {
    const account = await this.accounts.byEmail(email);
    if (!account) return;
    const { token, secretHash } = newPasswordResetToken(account.accountId);
    await handleCommand(this.store, accountStreamId(account.accountId), accountDecider, {
      type: 'RequestPasswordReset',
      data: { tokenHash: secretHash },
      metadata: { now: this.clock.now(), actorId: account.accountId, correlationId: context.correlationId },
    });
    const link = `${webPageUrl(this.settings.publicUrl, 'passwordReset')}?token=${encodeURIComponent(token)}`;
    // The language the holder chose wins over the page's: whoever asks is not signed in, and anyone
    // may type the address. Until the account has one, the page's language, French by default.
    const language = account.language ?? pageLanguage ?? 'fr';
    await this.mailer.send(passwordResetMail(account.email, link, PASSWORD_RESET_TTL_MINUTES, language));
  }
}
