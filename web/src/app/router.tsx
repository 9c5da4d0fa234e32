import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useMe } from '../access/queries';
import { areaPaths } from '../layout/area-paths';
import { useSessionState } from './platform';

// Each area is its own chunk: the login page loads none of them.
const LoginPage = lazy(() => import('../session/LoginPage'));
const RegisterPage = lazy(() => import('../session/RegisterPage'));
const ForgotPasswordPage = lazy(() => import('../session/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../session/ResetPasswordPage'));
const ChangePasswordPage = lazy(() => import('../session/ChangePasswordPage'));
const ChooseDisplayNamePage = lazy(() => import('../session/ChooseDisplayNamePage'));
const ForcedTwoFactorEnrolmentPage = lazy(() => import('../session/two-factor/ForcedTwoFactorEnrolmentPage'));
const SecurityPage = lazy(() => import('../session/two-factor/SecurityPage'));
const ChangeDisplayNamePage = lazy(() => import('../session/ChangeDisplayNamePage'));
const SignedInProviders = lazy(() => import('./SignedInProviders'));
const AppLayout = lazy(() => import('../layout/AppLayout'));
const Landing = lazy(() => import('../layout/Landing'));
const AgendaArea = lazy(() => import('../agenda'));
const PatientsArea = lazy(() => import('../patients'));
const LedgerArea = lazy(() => import('../ledger'));
const AccountsArea = lazy(() => import('../accounts'));
const CabinetsArea = lazy(() => import('../cabinets'));

function Loading() {
  return (
    <Center h="100vh" role="status">
      <Loader size="sm" aria-hidden />
    </Center>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Where an account an owner requires two-factor sign-in of enrols before anything else. */
const FORCED_ENROLMENT_PATH = '/double-authentification';

/**
 * Signed in, with a password of one's own and two-factor sign-in if required: else to the login
 * page, the forced password change, or the forced enrolment.
 */
function RequireSession() {
  const state = useSessionState();
  const location = useLocation();
  if (state.status === 'unknown') return <Loading />;
  if (state.status === 'anonymous') return <Navigate to={`/connexion?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (state.mustChangePassword && location.pathname !== '/mot-de-passe/changer') return <Navigate to="/mot-de-passe/changer" replace />;
  if (!state.mustChangePassword && state.mustEnrolTwoFactor && location.pathname !== FORCED_ENROLMENT_PATH) return <Navigate to={FORCED_ENROLMENT_PATH} replace />;
  return <Outlet />;
}

/** Where a provisioned account names itself, once its password is its own. */
const CHOOSE_DISPLAY_NAME_PATH = '/nom-affiche';

/**
 * A provisioned account goes by its address until its holder chooses a name (GET /me says so):
 * that comes before the rest. Read with the signed-in cache, hence inside SignedInProviders.
 */
function RequireDisplayName() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.data?.mustChooseDisplayName) return <Navigate to={CHOOSE_DISPLAY_NAME_PATH} replace />;
  return <Outlet />;
}

/** The login and sign-up pages are for people not signed in. */
function AnonymousOnly() {
  const state = useSessionState();
  if (state.status === 'authenticated') return <Navigate to="/" replace />;
  return <Outlet />;
}


/**
 * Every screen by its path. Declarative routes (no data router: the screens read through TanStack
 * Query), so the login page loads the smaller part of React Router.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AnonymousOnly />}>
        <Route path="/connexion" element={<Lazy><LoginPage /></Lazy>} />
        <Route path="/inscription" element={<Lazy><RegisterPage /></Lazy>} />
        <Route path="/mot-de-passe/oublie" element={<Lazy><ForgotPasswordPage /></Lazy>} />
      </Route>
      <Route path="/mot-de-passe/reinitialiser" element={<Lazy><ResetPasswordPage /></Lazy>} />
      <Route element={<RequireSession />}>
        <Route element={<Lazy><SignedInProviders /></Lazy>}>
          <Route path="/mot-de-passe/changer" element={<Lazy><ChangePasswordPage /></Lazy>} />
          <Route path={FORCED_ENROLMENT_PATH} element={<Lazy><ForcedTwoFactorEnrolmentPage /></Lazy>} />
          <Route path={CHOOSE_DISPLAY_NAME_PATH} element={<Lazy><ChooseDisplayNamePage /></Lazy>} />
          <Route element={<RequireDisplayName />}>
            <Route element={<Lazy><AppLayout /></Lazy>}>
              <Route index element={<Landing />} />
              <Route path={`${areaPaths.agenda}/*`} element={<AgendaArea />} />
              <Route path={`${areaPaths.patients}/*`} element={<PatientsArea />} />
              <Route path={`${areaPaths.ledger}/*`} element={<LedgerArea />} />
              <Route path={`${areaPaths.accounts}/*`} element={<AccountsArea />} />
              <Route path={`${areaPaths.cabinets}/*`} element={<CabinetsArea />} />
              <Route path="/securite" element={<SecurityPage />} />
              <Route path="/mon-nom" element={<ChangeDisplayNamePage />} />
              <Route path="*" element={<Landing />} />
            </Route>
          </Route>
        </Route>
      </Route>
    </Routes>
  );
}
