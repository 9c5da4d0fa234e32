import { specFor } from '@osteo/event-sourcing/decider-spec';
import { emailReservationDecider } from './email-reservation';

const metadata = { now: new Date('2026-03-02T08:30:00.000Z') };

describe('e-mail reservation decider', () => {
  const spec = specFor(emailReservationDecider);
  const reserve = { type: 'ReserveEmail', data: { accountId: 'acc-1' }, metadata } as const;

  it('given a free address, when reserving it, then it is reserved for the account, without the address', () => {
    spec.given([]).when(reserve).then([{ type: 'EmailReserved', data: { accountId: 'acc-1', reservedAt: '2026-03-02T08:30:00.000Z' } }]);
  });

  it('given a reserved address, when reserving it again, then the e-mail is taken', () => {
    spec.given([{ type: 'EmailReserved', data: { accountId: 'acc-0', reservedAt: '2026-03-01T00:00:00.000Z' } }]).when(reserve).thenThrows('ACCOUNT.EMAIL_TAKEN');
  });

  it('given a reservation written before #11, with its address, when reserving again, then the e-mail is taken', () => {
    spec
      .given([{ type: 'EmailReserved', data: { email: 'claire@example.fr', accountId: 'acc-0', reservedAt: '2026-03-01T00:00:00.000Z' } }])
      .when(reserve)
      .thenThrows('ACCOUNT.EMAIL_TAKEN');
  });

  describe('released when its account is erased', () => {
    const held = { type: 'EmailReserved', data: { accountId: 'acc-0', reservedAt: '2026-03-01T00:00:00.000Z' } } as const;
    const released = { type: 'EmailReleased', data: { accountId: 'acc-0', releasedAt: '2026-03-02T08:30:00.000Z' } } as const;
    const release = { type: 'ReleaseEmail', data: { accountId: 'acc-0' }, metadata } as const;

    it('given an address held by the account, when releasing it for that account, then it is released', () => {
      spec.given([held]).when(release).then([released]);
    });

    it('given an address held by another account, or free, when releasing it, then nothing changes', () => {
      spec.given([held]).when({ ...release, data: { accountId: 'acc-9' } }).then([]);
      spec.given([]).when(release).then([]);
      spec.given([held, released]).when(release).then([]);
    });

    it('given a released address, when reserving it, then another account may have it', () => {
      spec.given([held, released]).when(reserve).then([{ type: 'EmailReserved', data: { accountId: 'acc-1', reservedAt: '2026-03-02T08:30:00.000Z' } }]);
    });
  });
});
