import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { CancelAppointmentHandler } from '../application/cancel-appointment/cancel-appointment.handler';
import { ChangeAppointmentHandler } from '../application/change-appointment/change-appointment.handler';
import { AppointmentDetails, ReadAppointmentQuery } from '../application/read-appointment/read-appointment.query';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { AppointmentDetailsDto, ChangeAppointmentDto } from './planning.dto';

@ApiTags('planning')
@ApiBearerAuth()
@Controller('appointments')
export class AppointmentsController {
  constructor(
    private readonly changeAppointment: ChangeAppointmentHandler,
    private readonly cancelAppointment: CancelAppointmentHandler,
    private readonly readAppointment: ReadAppointmentQuery,
  ) {}

  @Get(':appointmentId')
  @ApiOperation({ summary: 'One appointment (owner, colleague, secretary of its cabinet)' })
  @ApiOkResponse({ type: AppointmentDetailsDto })
  read(@CurrentCaller() caller: Caller, @Param('appointmentId') appointmentId: string): Promise<AppointmentDetails> {
    return this.readAppointment.execute(caller, appointmentId);
  }

  @Patch(':appointmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Move an appointment (start, end: each replaces its own) or change its reason; all or nothing' })
  @ApiErrors({ status: 409, description: 'APPOINTMENT.DOUBLE_BOOKING, or APPOINTMENT.CANCELLED' })
  async change(@CurrentCaller() caller: Caller, @Param('appointmentId') appointmentId: string, @Body() body: ChangeAppointmentDto): Promise<void> {
    if (body.start === undefined && body.end === undefined && body.reason === undefined) {
      throw new Rejection('invalid', 'REQUEST.INVALID', 'Give start, end, reason, or several of them');
    }
    await this.changeAppointment.execute(caller, appointmentId, body);
  }

  @Post(':appointmentId/cancel')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel an appointment: its slot is free again. Cancelling twice changes nothing' })
  async cancel(@CurrentCaller() caller: Caller, @Param('appointmentId') appointmentId: string): Promise<void> {
    await this.cancelAppointment.execute(caller, appointmentId);
  }
}
