import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { areaPaths } from '../layout/area-paths';
import { useSessionState } from './platform';

// Each area is its own chunk: the login page loads none of them.
const LoginPage = lazy(() => import('../session/LoginPage'));
const RegisterPage = lazy(() => import('../session/RegisterPage'));
const ForgotPasswordPage = lazy(() => import('../session/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../session/ResetPasswordPage'));
const ChangePasswordPage = lazy(() => import('../session/ChangePasswordPage'));
const SignedInProviders = lazy(() => import('./SignedInProviders'));
const AppLayout = lazy(() => import('../layout/AppLayout'));
const Landing = lazy(() => import('../layout/Landing'));
const AgendaArea = lazy(() => import('../agenda'));
const PatientsArea = lazy(() => import('../patients'));
const LedgerArea = lazy(() => import('../ledger'));
const AccountsArea = lazy(() => import('../accounts'));
const PracticesArea = lazy(() => import('../practices'));

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

/** Signed in, with a password of one's own: else to the login page, or to the forced password change. */
function RequireSession() {
  const state = useSessionState();
  const location = useLocation();
  if (state.status === 'unknown') return <Loading />;
  if (state.status === 'anonymous') return <Navigate to={`/connexion?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (state.mustChangePassword && location.pathname !== '/mot-de-passe/changer') return <Navigate to="/mot-de-passe/changer" replace />;
  return <Outlet />;
}

/** The login and sign-up pages are for people not signed in. */
function AnonymousOnly() {
  const state = useSessionState();
  if (state.status === 'authenticated') return <Navigate to="/" replace />;
  return <Outlet />;
}


export function createRouter() {
  return createBrowserRouter([
    {
      element: <AnonymousOnly />,
      children: [
        { path: '/connexion', element: <Lazy><LoginPage /></Lazy> },
        { path: '/inscription', element: <Lazy><RegisterPage /></Lazy> },
        { path: '/mot-de-passe/oublie', element: <Lazy><ForgotPasswordPage /></Lazy> },
      ],
    },
    { path: '/mot-de-passe/reinitialiser', element: <Lazy><ResetPasswordPage /></Lazy> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <Lazy><SignedInProviders /></Lazy>,
          children: [
        { path: '/mot-de-passe/changer', element: <Lazy><ChangePasswordPage /></Lazy> },
        {
          element: <Lazy><AppLayout /></Lazy>,
          children: [
            { index: true, element: <Landing /> },
            { path: `${areaPaths.agenda}/*`, element: <AgendaArea /> },
            { path: `${areaPaths.patients}/*`, element: <PatientsArea /> },
            { path: `${areaPaths.ledger}/*`, element: <LedgerArea /> },
            { path: `${areaPaths.accounts}/*`, element: <AccountsArea /> },
            { path: `${areaPaths.practices}/*`, element: <PracticesArea /> },
            { path: '*', element: <Landing /> },
          ],
        },
          ],
        },
      ],
    },
  ]);
}
