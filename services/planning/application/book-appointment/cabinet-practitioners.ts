import { Injectable } from '@nestjs/common';
import { AccessReader, type Role } from '@osteo/auth';
import { Rejection } from '@osteo/event-sourcing/rejection';

/** The osteopaths of a cabinet; its secretaries and accountants see no patient. */
const PRACTITIONER_ROLES: readonly Role[] = ['owner', 'colleague', 'substitute'];

/**
 * Whom an appointment in a cabinet may be booked with, read from the access projection like any
 * access decision. An unknown account and one working elsewhere get the same answer, so the check
 * tells nobody which accounts exist.
 */
@Injectable()
export class CabinetPractitioners {
  constructor(private readonly reader: AccessReader) {}

  async requireWorksIn(practitionerId: string, cabinetId: string): Promise<void> {
    const standing = (await this.reader.principalAccess(practitionerId)).cabinets.get(cabinetId);
    if (standing !== undefined && PRACTITIONER_ROLES.some((role) => standing.roles.has(role))) return;
    throw new Rejection(
      'invalid',
      'APPOINTMENT.PRACTITIONER_NOT_IN_CABINET',
      'practitionerId must be an osteopath working in this cabinet: its owner, a colleague or a substitute',
    );
  }
}
