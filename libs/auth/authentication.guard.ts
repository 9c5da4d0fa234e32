import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Rejection } from '@osteo/event-sourcing/rejection';
import type { Principal } from './principal';
import { ALLOWED_BEFORE_DISPLAY_NAME_CHOICE, ALLOWED_DURING_PASSWORD_CHANGE, ALLOWED_DURING_TWO_FACTOR_ENROLMENT, PUBLIC_ROUTE } from './route-access';
import { bearerTokenOf } from './jwt.strategy';
import { EndedSessions } from './ended-sessions';
import { type VerifiedAccessToken, VerifiedTokens } from './verified-tokens';

/**
 * Applied to every route of every service: a valid bearer token of a session identity has not
 * ended, unless the route is public, and the first-login steps: the forced password change of
 * PRODUCT.md, the two-factor enrolment a cabinet requires, the display name of a provisioned account.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  private readonly verifiedTokens = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly endedSessions: EndedSessions,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Parameters<typeof bearerTokenOf>[0] & { user: Principal }>();
    const token = bearerTokenOf(request) ?? undefined;
    let verified = token === undefined ? undefined : this.verifiedTokens.verifiedBefore(token);
    if (verified === undefined) {
      await super.canActivate(context);
      // What JwtStrategy.validate returned, until the principal takes its place below.
      verified = request.user as unknown as VerifiedAccessToken;
      if (token !== undefined) this.verifiedTokens.remember(token, verified);
    }
    // Asked on every request, a token verified before included: a logout ends its tokens at once.
    await this.endedSessions.whenReplayed();
    if (this.endedSessions.hasEnded(verified.session)) {
      throw new Rejection('unauthenticated', 'AUTH.SESSION_ENDED', 'This session has ended (logout or password change); log in again');
    }
    request.user = verified.principal;
    const principal = request.user;
    if (principal.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_DURING_PASSWORD_CHANGE, targets)) {
      throw new Rejection('forbidden', 'AUTH.PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first (POST /api/v1/auth/password)');
    }
    // The password change comes first (the rule above); enrolment is asked at the login after it.
    if (principal.mustEnrolTwoFactor && !principal.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_DURING_TWO_FACTOR_ENROLMENT, targets)) {
      throw new Rejection('forbidden', 'AUTH.TWO_FACTOR_REQUIRED', 'A cabinet you work in requires two-factor sign-in: enrol an authenticator app first (POST /api/v1/me/two-factor/enrolment)');
    }
    // Last of the first-login steps: the name is asked once the password and the enrolment are done.
    if (
      principal.mustChooseDisplayName &&
      !principal.mustChangePassword &&
      !principal.mustEnrolTwoFactor &&
      !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_DISPLAY_NAME_CHOICE, targets)
    ) {
      throw new Rejection('forbidden', 'ACCOUNT.DISPLAY_NAME_REQUIRED', 'Choose the name you appear by first (PUT /api/v1/me/display-name), then refresh the session');
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) {
      throw new Rejection('unauthenticated', 'AUTH.UNAUTHENTICATED', 'A valid bearer access token is required');
    }
    return user;
  }
}
