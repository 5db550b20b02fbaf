// Adding one more account from inside the app; on success the new account is the one shown.
import { AddAccountForm } from '../components/AddAccountForm';
import { DEFAULT_ROUTE, hrefFor } from '../routing/route';
import { navigate } from '../routing/useRoute';

export function AddAccountPage() {
  const back = () => navigate(hrefFor(DEFAULT_ROUTE));
  return <AddAccountForm headingLevel="h1" onAdded={back} onCancel={back} />;
}
