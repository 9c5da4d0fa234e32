import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { ApiErrors } from '@osteo/http';
import { ListRemindersQuery, type ReminderView } from '../application/list-reminders/list-reminders.query';
import { ListRemindersQueryDto, ReminderDto } from './reminders.dto';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller()
export class RemindersController {
  constructor(private readonly listReminders: ListRemindersQuery) {}

  @Get('reminders')
  @ApiOperation({ summary: 'The appointment reminders of a cabinet’s appointments starting in a range, for whoever may read its agenda' })
  @ApiOkResponse({ type: [ReminderDto] })
  @ApiErrors(
    { status: 400, description: 'REQUEST.INVALID naming cabinetId, from or to; REMINDER.INVALID_RANGE' },
    { status: 404, description: 'The cabinet does not exist or is outside every cabinet the caller can see (RESOURCE.NOT_FOUND)' },
  )
  list(@CurrentCaller() caller: Caller, @Query() query: ListRemindersQueryDto): Promise<ReminderView[]> {
    return this.listReminders.execute(caller, query.cabinetId, query);
  }
}
