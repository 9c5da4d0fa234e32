import { Injectable } from '@nestjs/common';
import { AccessCheck, type Action, type Caller, type PrincipalAccess } from '@osteo/auth';
import { EventStore, loadAggregate } from '@osteo/event-sourcing';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { consultationDecider, consultationStreamId, type LiveConsultation } from '../../domain/consultation';
import { patientDecider, patientStreamId, type ActivePatient } from '../../domain/patient';

export interface PatientInReach {
  readonly patient: ActivePatient;
  /** The caller's access, as the policy just judged it. */
  readonly access: PrincipalAccess;
}

export interface ConsultationInReach extends PatientInReach {
  readonly consultation: LiveConsultation;
}

/**
 * The gate of every /patients/:id and /consultations/:id route. A record's cabinet is known only
 * from the record, so it is read from its own stream (a record created a moment ago is there),
 * then the policy judges the caller in that cabinet. What does not exist, was deleted, or lies
 * outside every cabinet the caller sees answers the same 404, so nothing leaks; a record the
 * caller sees but may not act on answers 403.
 */
@Injectable()
export class PatientRecordGate {
  constructor(
    private readonly store: EventStore,
    private readonly access: AccessCheck,
  ) {}

  async patient(caller: Caller, patientId: string, action: Action): Promise<PatientInReach> {
    const patient = await this.livePatient(patientId);
    const access = await this.access.require(caller.principal.accountId, action, { kind: 'cabinet', cabinetId: patient.cabinetId }, 'Patient');
    return { patient, access };
  }

  /** A consultation lives only as long as its patient's record: a deleted patient's consultations are gone too. */
  async consultation(caller: Caller, consultationId: string, action: Action): Promise<ConsultationInReach> {
    const { state } = await loadAggregate(this.store, consultationStreamId(consultationId), consultationDecider);
    if (state.status !== 'open' && state.status !== 'completed') throw notFound('Consultation');
    const patient = await this.livePatient(state.patientId);
    const access = await this.access.require(caller.principal.accountId, action, { kind: 'cabinet', cabinetId: state.cabinetId }, 'Consultation');
    return { consultation: state, patient, access };
  }

  private async livePatient(patientId: string): Promise<ActivePatient> {
    const { state } = await loadAggregate(this.store, patientStreamId(patientId), patientDecider);
    if (state.status !== 'active') throw notFound('Patient');
    return state;
  }
}

/** Word for word what `enforce` answers for a cabinet out of sight: the two must not be told apart. */
const notFound = (subject: string): Rejection => new Rejection('not_found', 'RESOURCE.NOT_FOUND', `${subject} not found`);
