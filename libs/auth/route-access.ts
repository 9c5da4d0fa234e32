import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiRouteAccess } from '@osteo/http';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'auth:public-route';
export const ALLOWED_DURING_PASSWORD_CHANGE = 'auth:allowed-during-password-change';
export const ALLOWED_DURING_TWO_FACTOR_ENROLMENT = 'auth:allowed-during-two-factor-enrolment';
export const ALLOWED_BEFORE_DISPLAY_NAME_CHOICE = 'auth:allowed-before-display-name-choice';

/** No token needed (register, login, refresh, health). The OpenAPI document says so too (no 401). */
export const PublicRoute = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiRouteAccess('public'));

/**
 * Reachable with a temporary password (PRODUCT.md: `/auth/password`, `/auth/refresh`, `/me`);
 * every other route answers 403 AUTH.PASSWORD_CHANGE_REQUIRED until the password is changed.
 */
export const AllowedDuringPasswordChange = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ALLOWED_DURING_PASSWORD_CHANGE, true), ApiRouteAccess('password-change-allowed'));

/**
 * Reachable by an account that must enrol in two-factor sign-in (an owner it works for requires
 * it): the enrolment itself, and the routes allowed during a password change (`/me`, password,
 * logout) carry it too, so that the OpenAPI document's 403s hold for both rules. Every other
 * route answers 403 AUTH.TWO_FACTOR_REQUIRED.
 */
export const AllowedDuringTwoFactorEnrolment = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_DURING_TWO_FACTOR_ENROLMENT, true);

/**
 * Reachable by a provisioned account that has not chosen its display name yet: the choice itself
 * (`/me/display-name`), `/me`, the two-factor routes, the password change and logout. Every other
 * route of every service answers 403 ACCOUNT.DISPLAY_NAME_REQUIRED, so that nobody acts, and
 * appears in an owner's ledger or agenda, as an e-mail address.
 */
export const AllowedBeforeDisplayNameChoice = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_BEFORE_DISPLAY_NAME_CHOICE, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ user?: Principal }>();
  if (!request.user) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.user;
});
