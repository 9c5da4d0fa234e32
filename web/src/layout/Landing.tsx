import { Navigate } from 'react-router';
import { useSpace } from '../access/space-context';
import { landingArea } from '../access/spaces';
import { areaPaths } from './area-paths';

/** The first area of the current space's menu (the secretary: the agenda). */
export default function Landing() {
  const { areas } = useSpace();
  const area = landingArea(areas);
  return <Navigate to={areaPaths[area ?? 'cabinets']} replace />;
}
