import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CreatedAt } from '@osteo/http';
import { BookAppointmentHandler } from '../application/book-appointment/book-appointment.handler';
import { AppointmentView, ListAppointmentsQuery } from '../application/list-appointments/list-appointments.query';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { AppointmentCreatedDto, AppointmentRangeDto, AppointmentViewDto, BookAppointmentDto } from './planning.dto';

@ApiTags('planning')
@ApiBearerAuth()
@Controller('cabinets/:cabinetId/appointments')
export class CabinetAppointmentsController {
  constructor(
    private readonly bookAppointment: BookAppointmentHandler,
    private readonly listAppointments: ListAppointmentsQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The cabinet’s appointments overlapping [from, to), by start (owner, colleague, secretary)' })
  @ApiOkResponse({ type: [AppointmentViewDto] })
  list(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Query() range: AppointmentRangeDto): Promise<AppointmentView[]> {
    return this.listAppointments.execute(caller, cabinetId, range);
  }

  @Post()
  @ApiOperation({ summary: 'Book an appointment with a practitioner of the cabinet (owner, colleague, secretary)' })
  @CreatedAt(AppointmentCreatedDto, '/appointments/{appointmentId}')
  @ApiErrors(
    {
      status: 400,
      description:
        'REQUEST.INVALID; APPOINTMENT.PRACTITIONER_NOT_IN_CABINET; APPOINTMENT.UNKNOWN_PATIENT: patientId is no live patient record of this cabinet; APPOINTMENT.END_NOT_AFTER_START, APPOINTMENT.TOO_LONG, APPOINTMENT.PATIENT_NAME_REQUIRED',
    },
    {
      status: 409,
      description: 'APPOINTMENT.DOUBLE_BOOKING: the practitioner already has an appointment at that time; APPOINTMENT.CLAIM_EXPIRED: try again',
    },
  )
  book(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: BookAppointmentDto): Promise<AppointmentCreatedDto> {
    return this.bookAppointment.execute(caller, cabinetId, body);
  }
}
