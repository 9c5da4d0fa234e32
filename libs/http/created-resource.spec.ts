import { createdLocation } from './created-resource';

describe('the Location of a created resource', () => {
  it('fills the template from the answered body, then from the path, under /api/v1', () => {
    expect(createdLocation('/patients/{patientId}', { patientId: 'pat-1' }, {})).toBe('/api/v1/patients/pat-1');
    expect(createdLocation('/cabinets/{cabinetId}/colleagues', { invitationId: 'inv-1' }, { cabinetId: 'cab-1' })).toBe('/api/v1/cabinets/cab-1/colleagues');
    expect(createdLocation('/delegations', { delegationId: 'del-1' }, {})).toBe('/api/v1/delegations');
  });

  it('percent-encodes what it fills in', () => {
    expect(createdLocation('/patients/{patientId}', { patientId: 'a/b c' }, {})).toBe('/api/v1/patients/a%2Fb%20c');
  });

  it('throws when neither the body nor the path names a placeholder: a route declared wrong', () => {
    expect(() => createdLocation('/appointments/{appointmentId}', { patientId: 'pat-1' }, {})).toThrow(/appointmentId/);
  });
});
