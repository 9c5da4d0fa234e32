import { Module } from '@nestjs/common';
import { Topics } from '@osteo/contracts';
import { Mailer, OutboxDirectoryMailer, SmtpMailer } from '@osteo/mail';
import { AccessModule, asPrivateEnvelope, PLATFORM_CONFIG, type PlatformConfig, SealedPracticeContacts, ServiceInfrastructureModule } from '@osteo/platform';
import { SmsSender, smsSenderFor } from '@osteo/sms';
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
import { SetReminderPreferencesHandler } from './application/set-reminder-preferences/set-reminder-preferences.handler';
import { ListRemindersQuery } from './application/list-reminders/list-reminders.query';
import { ReminderSchedule } from './application/reminder-schedule/reminder-schedule';
import { ReminderScheduleFeed } from './application/reminder-schedule/reminder-schedule-feed';
import { ReminderScheduleReactor } from './application/reminder-schedule/reminder-schedule.reactor';
import { ReminderSender } from './application/send-reminders/reminder-sender';
import { ConsultationsController } from './interface/consultations.controller';
import { PatientsController } from './interface/patients.controller';
import { RemindersController } from './interface/reminders.controller';

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
  controllers: [PatientsController, ConsultationsController, RemindersController],
  providers: [
    PatientRecordGate,
    PatientAccessLog,
    RegisterPatientHandler,
    UpdatePatientHandler,
    SetReminderPreferencesHandler,
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
    ReminderSchedule,
    ReminderScheduleReactor,
    { provide: ReminderScheduleFeed, useExisting: ReminderScheduleReactor },
    ReminderSender,
    ListRemindersQuery,
    {
      provide: Mailer,
      inject: [PLATFORM_CONFIG],
      useFactory: ({ mail }: PlatformConfig): Mailer => (mail.kind === 'smtp' ? new SmtpMailer(mail) : new OutboxDirectoryMailer(mail)),
    },
    { provide: SmsSender, inject: [PLATFORM_CONFIG], useFactory: ({ sms }: PlatformConfig): SmsSender => smsSenderFor(sms) },
    // Reminders print the practice's address and phone, which access.events carry sealed (CabinetOpened v2, CabinetReminderSettingsChanged v2).
    { provide: SealedPracticeContacts, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => SealedPracticeContacts.from(config) },
  ],
})
export class PatientRecordsModule {}
