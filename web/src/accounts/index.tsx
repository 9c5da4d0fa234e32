import AccountsPage from './AccountsPage';

/** The accounts area (`/comptes-specifiques`): the specific accounts I granted, and the grants I received. */
export default function AccountsArea() {
  return <AccountsPage />;
}
