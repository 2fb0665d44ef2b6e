import { Navigate } from 'react-router';

/** Trade-in's grants page became the platform's grants page for every domain; the old address still leads there. */
export default function ManagersRedirect() {
  return <Navigate to="/grants?domain=tradein" replace />;
}
