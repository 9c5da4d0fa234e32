import { Module } from '@nestjs/common';
import { Topics } from '@osteo/contracts';
import { AccessModule, asPrivateEnvelope, ServiceInfrastructureModule } from '@osteo/platform';
import { PatientAccessLog } from './application/access-log/patient-access-log';
import { CompleteConsultationHandler } from './application/complete-consultation/complete-consultation.handler';
import { CorrectConsultationFeeHandler } from './application/correct-consultation-fee/correct-consultation-fee.handler';
import { DeleteConsultationHandler } from './application/delete-consultation/delete-consultation.handler';
import { DeletePatientHandler } from './application/delete-patient/delete-patient.handler';
import { ListConsultationsQuery } from './application/list-consultations/list-consultations.query';
import { OpenConsultationHandler } from './application/open-consultation/open-consultation.handler';
import { patientConsultationsProjection } from './application/patient-consultations/patient-consultations.projection';
import { patientDirectoryProjection } from './application/patient-directory/patient-directory.projection';
import { recordsPersonalData } from './application/personal-data/records-personal-data';
import { PrivateReadModelsReactor } from './application/private-read-models/private-read-models.reactor';
import { toRecordsPublicEvent } from './application/publishing/records-public-events';
import { ReadAccessLogQuery } from './application/read-access-log/read-access-log.query';
import { ReadPatientQuery } from './application/read-patient/read-patient.query';
import { PatientRecordGate } from './application/access/patient-record-gate';
import { RegisterPatientHandler } from './application/register-patient/register-patient.handler';
import { ReviseConsultationHandler } from './application/revise-consultation/revise-consultation.handler';
import { SearchPatientsQuery } from './application/search-patients/search-patients.query';
import { UpdatePatientHandler } from './application/update-patient/update-patient.handler';
import { ConsultationsController } from './interface/consultations.controller';
import { PatientsController } from './interface/patients.controller';

const infrastructure = ServiceInfrastructureModule.forService({
  name: 'patient-records',
  publishes: { topic: Topics.records, toIntegrationEvent: toRecordsPublicEvent },
  rebuildable: {
    directory: { projection: patientDirectoryProjection, fedBy: asPrivateEnvelope },
    consultations: { projection: patientConsultationsProjection, fedBy: asPrivateEnvelope },
  },
  personalData: recordsPersonalData,
});

/**
 * Patients and their consultations. Publishes to records.events only what the ledger needs; the
 * records themselves are read from their streams and from private read models fed by this
 * service's own store (application/private-read-models), never from the bus.
 */
@Module({
  imports: [infrastructure, AccessModule.over(infrastructure)],
  controllers: [PatientsController, ConsultationsController],
  providers: [
    PatientRecordGate,
    PatientAccessLog,
    RegisterPatientHandler,
    UpdatePatientHandler,
    DeletePatientHandler,
    ReadPatientQuery,
    SearchPatientsQuery,
    ReadAccessLogQuery,
    OpenConsultationHandler,
    ReviseConsultationHandler,
    CompleteConsultationHandler,
    CorrectConsultationFeeHandler,
    DeleteConsultationHandler,
    ListConsultationsQuery,
    PrivateReadModelsReactor,
  ],
})
export class PatientRecordsModule {}
