import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'auth:public-route';
export const ALLOWED_DURING_PASSWORD_CHANGE = 'auth:allowed-during-password-change';

/** No token needed (register, login, refresh, health). */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Reachable with a temporary password (PRODUCT.md: `/auth/password`, `/auth/refresh`, `/me`);
 * every other route answers 403 AUTH.PASSWORD_CHANGE_REQUIRED until the password is changed.
 */
export const AllowedDuringPasswordChange = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_DURING_PASSWORD_CHANGE, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ user?: Principal }>();
  if (!request.user) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.user;
});
