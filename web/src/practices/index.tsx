import { Navigate, Route, Routes } from 'react-router';
import { areaPaths } from '../layout/area-paths';
import PracticePage from './PracticePage';
import PracticesPage from './PracticesPage';

/** The practices area: my practices and the invitations I received (`/cabinets`), one practice and its colleagues (`/cabinets/:cabinetId`). */
export default function PracticesArea() {
  return (
    <Routes>
      <Route index element={<PracticesPage />} />
      <Route path=":cabinetId" element={<PracticePage />} />
      <Route path="*" element={<Navigate to={areaPaths.practices} replace />} />
    </Routes>
  );
}
