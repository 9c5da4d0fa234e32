import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CreatedAt, PageQueryDto, pageRequestOf } from '@osteo/http';
import type { Page } from '@osteo/read-store';
import type { RecordOpening } from '../application/access-log/patient-access-log';
import { DeletePatientHandler } from '../application/delete-patient/delete-patient.handler';
import { ReadAccessLogQuery } from '../application/read-access-log/read-access-log.query';
import { PatientRecordView, ReadPatientQuery } from '../application/read-patient/read-patient.query';
import { RegisterPatientHandler } from '../application/register-patient/register-patient.handler';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { PatientListing, SearchPatientsQuery } from '../application/search-patients/search-patients.query';
import { UpdatePatientHandler } from '../application/update-patient/update-patient.handler';
import { SetReminderPreferencesHandler } from '../application/set-reminder-preferences/set-reminder-preferences.handler';
import {
  PatientCreatedDto,
  PatientListingPageDto,
  PatientRecordDto,
  RecordOpeningPageDto,
  RegisterPatientDto,
  ReminderPreferencesDto,
  requireSomeChange,
  SearchPatientsQueryDto,
  UpdatePatientDto,
} from './patient-records.dto';

@ApiTags('patients')
@ApiBearerAuth()
@Controller()
export class PatientsController {
  constructor(
    private readonly registerPatient: RegisterPatientHandler,
    private readonly updatePatient: UpdatePatientHandler,
    private readonly deletePatient: DeletePatientHandler,
    private readonly readPatient: ReadPatientQuery,
    private readonly searchPatients: SearchPatientsQuery,
    private readonly readAccessLog: ReadAccessLogQuery,
    private readonly setReminderPreferences: SetReminderPreferencesHandler,
  ) {}

  @Post('cabinets/:cabinetId/patients')
  @ApiOperation({ summary: 'Register a patient in a cabinet (owner, colleague, substitute)' })
  @CreatedAt(PatientCreatedDto, '/patients/{patientId}')
  register(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: RegisterPatientDto): Promise<PatientCreatedDto> {
    return this.registerPatient.execute(caller, cabinetId, body);
  }

  @Get('cabinets/:cabinetId/patients')
  @ApiOperation({ summary: 'The cabinet’s patients by family name, filtered by the words their names start with (any case, accents optional); in pages' })
  @ApiOkResponse({ type: PatientListingPageDto })
  search(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Query() query: SearchPatientsQueryDto): Promise<Page<PatientListing>> {
    return this.searchPatients.execute(caller, cabinetId, query.q, pageRequestOf(query));
  }

  @Get('patients/:patientId')
  @ApiOperation({ summary: 'A patient’s record; the opening is written to its access log' })
  @ApiOkResponse({ type: PatientRecordDto })
  read(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string): Promise<PatientRecordView> {
    return this.readPatient.execute(caller, patientId);
  }

  @Patch('patients/:patientId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change a patient’s record; null clears phone, email or medical history (emptying what holds something: owner)' })
  @ApiErrors(
    { status: 403, description: 'PATIENT.DELETION_RESERVED_TO_OWNER: emptying a field that holds something deletes it, which only the owner may; ACCESS.FORBIDDEN' },
    { status: 409, description: 'PATIENT.DELETED; or the record changed meanwhile' },
  )
  async update(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Body() body: UpdatePatientDto): Promise<void> {
    requireSomeChange(body, ['firstName', 'lastName', 'birthDate', 'phone', 'email', 'medicalHistory']);
    await this.updatePatient.execute(caller, patientId, body);
  }

  @Put('patients/:patientId/reminder-preferences')
  @HttpCode(204)
  @ApiOperation({ summary: 'How the patient agreed to be reminded of appointments (e-mail, SMS, both, none) and the day they consented' })
  @ApiErrors({
    status: 400,
    description:
      'REQUEST.INVALID naming channels or consentDate; PATIENT.REMINDER_CONSENT_REQUIRED (a channel without consentDate); PATIENT.INVALID_CONSENT_DATE; PATIENT.REMINDER_CONTACT_MISSING (a channel without the e-mail or phone it needs); nothing is written',
  })
  async putReminderPreferences(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Body() body: ReminderPreferencesDto): Promise<void> {
    await this.setReminderPreferences.execute(caller, patientId, body);
  }

  @Delete('patients/:patientId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a patient’s record and its consultations (owner); ledger lines stay' })
  async delete(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string): Promise<void> {
    await this.deletePatient.execute(caller, patientId);
  }

  @Get('patients/:patientId/access-log')
  @ApiOperation({ summary: 'Who opened this record, in what role, when (owner); newest first, in pages' })
  @ApiOkResponse({ type: RecordOpeningPageDto })
  accessLog(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Query() page: PageQueryDto): Promise<Page<RecordOpening>> {
    return this.readAccessLog.execute(caller, patientId, pageRequestOf(page));
  }
}
