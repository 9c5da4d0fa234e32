import { instantsOf, patientNameProblem, reasonProblem, whenProblems } from './appointment-form';

describe('the appointment forms', () => {
  it('asks for a day, a start and an end after it', () => {
    expect(whenProblems({ day: '2026-12-07', start: '09:00', end: '09:45' })).toEqual({});
    expect(whenProblems({ day: '', start: '', end: '' })).toEqual({ day: 'field.day.invalid', start: 'field.time.invalid', end: 'field.time.invalid' });
    expect(whenProblems({ day: '2026-12-07', start: '10:00', end: '09:45' })).toEqual({ end: 'field.end.beforeStart' });
    expect(whenProblems({ day: '2026-12-07', start: '10:00', end: '10:00' })).toEqual({ end: 'field.end.beforeStart' });
  });

  it('asks for the patient\'s name, 120 characters at most, and a reason of 500 at most', () => {
    expect(patientNameProblem('  ')).toBe('field.patientName.required');
    expect(patientNameProblem('x'.repeat(121))).toBe('field.patientName.tooLong');
    expect(patientNameProblem(' Hélène Durand ')).toBeNull();
    expect(reasonProblem('x'.repeat(501))).toBe('field.reason.tooLong');
    expect(reasonProblem('')).toBeNull();
  });

  it('sends the cabinet\'s wall-clock times with the offset of that day', () => {
    expect(instantsOf({ day: '2026-12-07', start: '09:00', end: '09:45' }, 'Europe/Paris')).toEqual({ start: '2026-12-07T09:00:00+01:00', end: '2026-12-07T09:45:00+01:00' });
    expect(instantsOf({ day: '2026-07-07', start: '09:00', end: '09:45' }, 'Europe/Paris')).toEqual({ start: '2026-07-07T09:00:00+02:00', end: '2026-07-07T09:45:00+02:00' });
  });
});
