import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CreatedAt, PageQueryDto, pageRequestOf } from '@osteo/http';
import type { Page } from '@osteo/read-store';
import { CompleteConsultationHandler } from '../application/complete-consultation/complete-consultation.handler';
import { CorrectConsultationFeeHandler } from '../application/correct-consultation-fee/correct-consultation-fee.handler';
import { DeleteConsultationHandler } from '../application/delete-consultation/delete-consultation.handler';
import { ListConsultationsQuery } from '../application/list-consultations/list-consultations.query';
import { OpenConsultationHandler } from '../application/open-consultation/open-consultation.handler';
import type { ConsultationListing } from '../application/patient-consultations/patient-consultations.projection';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { ReviseConsultationHandler } from '../application/revise-consultation/revise-consultation.handler';
import {
  ConsultationCreatedDto,
  ConsultationFeeDto,
  ConsultationListingPageDto,
  OpenConsultationDto,
  requireSomeChange,
  ReviseConsultationDto,
} from './patient-records.dto';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller()
export class ConsultationsController {
  constructor(
    private readonly openConsultation: OpenConsultationHandler,
    private readonly reviseConsultation: ReviseConsultationHandler,
    private readonly completeConsultation: CompleteConsultationHandler,
    private readonly correctConsultationFee: CorrectConsultationFeeHandler,
    private readonly deleteConsultation: DeleteConsultationHandler,
    private readonly listConsultations: ListConsultationsQuery,
  ) {}

  @Post('patients/:patientId/consultations')
  @ApiOperation({ summary: 'Open a consultation (owner, colleague, substitute): the caller is its practitioner' })
  // No route reads one consultation: Location is the patient's consultations, which list it.
  @CreatedAt(ConsultationCreatedDto, '/patients/{patientId}/consultations')
  open(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Body() body: OpenConsultationDto): Promise<ConsultationCreatedDto> {
    return this.openConsultation.execute(caller, patientId, body);
  }

  @Get('patients/:patientId/consultations')
  @ApiOperation({ summary: 'A patient’s consultations, newest first (one day’s by id), in pages; each page read is written to the record’s access log' })
  @ApiOkResponse({ type: ConsultationListingPageDto })
  list(@CurrentCaller() caller: Caller, @Param('patientId') patientId: string, @Query() page: PageQueryDto): Promise<Page<ConsultationListing>> {
    return this.listConsultations.execute(caller, patientId, pageRequestOf(page));
  }

  @Patch('consultations/:consultationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Edit a consultation’s notes; null clears notes, examination or treatment (emptying what holds something: owner)' })
  @ApiErrors(
    { status: 403, description: 'CONSULTATION.DELETION_RESERVED_TO_OWNER: emptying a note that holds something deletes it, which only the owner may; ACCESS.FORBIDDEN' },
    { status: 409, description: 'CONSULTATION.DATE_FIXED_ONCE_COMPLETED: the ledger line carries the date; CONSULTATION.DELETED' },
  )
  async revise(@CurrentCaller() caller: Caller, @Param('consultationId') consultationId: string, @Body() body: ReviseConsultationDto): Promise<void> {
    requireSomeChange(body, ['date', 'reason', 'notes', 'examination', 'treatment']);
    await this.reviseConsultation.execute(caller, consultationId, body);
  }

  @Post('consultations/:consultationId/complete')
  @HttpCode(204)
  @ApiOperation({ summary: 'Complete a consultation with its fee (its practitioner, once); publishes ConsultationCompleted' })
  @ApiErrors({
    status: 409,
    description: 'CONSULTATION.ALREADY_COMPLETED; CONSULTATION.RETROCESSION_RATE_UNKNOWN: a substitute without a rate in force; CONSULTATION.DELETED',
  })
  async complete(@CurrentCaller() caller: Caller, @Param('consultationId') consultationId: string, @Body() body: ConsultationFeeDto): Promise<void> {
    await this.completeConsultation.execute(caller, consultationId, body);
  }

  @Post('consultations/:consultationId/correct-fee')
  @HttpCode(204)
  @ApiOperation({ summary: 'Correct the fee or payment method of a completed consultation (owner); publishes ConsultationFeeCorrected' })
  @ApiErrors({ status: 409, description: 'CONSULTATION.NOT_COMPLETED; CONSULTATION.DELETED' })
  async correctFee(@CurrentCaller() caller: Caller, @Param('consultationId') consultationId: string, @Body() body: ConsultationFeeDto): Promise<void> {
    await this.correctConsultationFee.execute(caller, consultationId, body);
  }

  @Delete('consultations/:consultationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a consultation (owner); a completed one’s ledger lines get counter-entries' })
  async delete(@CurrentCaller() caller: Caller, @Param('consultationId') consultationId: string): Promise<void> {
    await this.deleteConsultation.execute(caller, consultationId);
  }
}
