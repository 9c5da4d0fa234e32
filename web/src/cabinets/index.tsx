import { Navigate, Route, Routes } from 'react-router';
import { areaPaths } from '../layout/area-paths';
import CabinetPage from './CabinetPage';
import CabinetsPage from './CabinetsPage';

/** The cabinets area: my cabinets and the invitations I received (`/cabinets`), one cabinet and its colleagues (`/cabinets/:cabinetId`). */
export default function CabinetsArea() {
  return (
    <Routes>
      <Route index element={<CabinetsPage />} />
      <Route path=":cabinetId" element={<CabinetPage />} />
      <Route path="*" element={<Navigate to={areaPaths.cabinets} replace />} />
    </Routes>
  );
}
