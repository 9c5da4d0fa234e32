import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { RequestRejected } from '@osteo/http';
import type { Principal } from './principal';
import { ALLOWED_DURING_PASSWORD_CHANGE, PUBLIC_ROUTE } from './route-access';
import { bearerTokenOf } from './jwt.strategy';
import { VerifiedTokens } from './verified-tokens';

/**
 * Applied to every route of every service: a valid bearer token unless the route is public,
 * and the forced-password-change rule of PRODUCT.md.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  private readonly verifiedTokens = new VerifiedTokens();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Parameters<typeof bearerTokenOf>[0] & { user: Principal }>();
    const token = bearerTokenOf(request) ?? undefined;
    const verifiedBefore = token === undefined ? undefined : this.verifiedTokens.principalOf(token);
    if (verifiedBefore) {
      request.user = verifiedBefore;
    } else {
      await super.canActivate(context);
      if (token !== undefined) this.verifiedTokens.remember(token, request.user);
    }
    const principal = request.user;
    if (principal.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_DURING_PASSWORD_CHANGE, targets)) {
      throw new RequestRejected('forbidden', 'AUTH.PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first (POST /api/v1/auth/password)');
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) {
      throw new RequestRejected('unauthenticated', 'AUTH.UNAUTHENTICATED', 'A valid bearer access token is required');
    }
    return user;
  }
}
