import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CreatedAt } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { ChangeCabinetHandler } from '../application/change-cabinet/change-cabinet.handler';
import { ChangeReminderSettingsHandler } from '../application/change-reminder-settings/change-reminder-settings.handler';
import type { ReminderSettings } from '../domain/cabinet';
import { CloseCabinetHandler } from '../application/close-cabinet/close-cabinet.handler';
import { InviteColleagueHandler } from '../application/invite-colleague/invite-colleague.handler';
import { ColleagueView, ListColleaguesQuery } from '../application/list-colleagues/list-colleagues.query';
import { ListCabinetsQuery, CabinetView } from '../application/list-cabinets/list-cabinets.query';
import { ListPractitionersQuery, PractitionerView } from '../application/list-practitioners/list-practitioners.query';
import { OpenCabinetHandler } from '../application/open-cabinet/open-cabinet.handler';
import { RemoveColleagueHandler } from '../application/remove-colleague/remove-colleague.handler';
import { type Caller, CurrentCaller } from '@osteo/auth';
import {
  CabinetCreatedDto,
  ChangeCabinetDto,
  ColleagueViewDto,
  InvitationCreatedDto,
  InviteColleagueDto,
  OpenCabinetDto,
  CabinetViewDto,
  PractitionerViewDto,
  ReminderSettingsDto,
  ReminderSettingsViewDto,
} from './access-grant.dto';

@ApiTags('cabinets')
@ApiBearerAuth()
@Controller('cabinets')
export class CabinetsController {
  constructor(
    private readonly openCabinet: OpenCabinetHandler,
    private readonly changeCabinet: ChangeCabinetHandler,
    private readonly changeReminderSettings: ChangeReminderSettingsHandler,
    private readonly closeCabinet: CloseCabinetHandler,
    private readonly inviteColleague: InviteColleagueHandler,
    private readonly removeColleague: RemoveColleagueHandler,
    private readonly listCabinets: ListCabinetsQuery,
    private readonly listPractitioners: ListPractitionersQuery,
    private readonly listColleagues: ListColleaguesQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a cabinet (main accounts)', description: 'timeZone: an IANA zone, Europe/Paris when not given; an unknown one is a 400.' })
  // No route reads one cabinet: Location is the list of the caller's cabinets, which holds it.
  @CreatedAt(CabinetCreatedDto, '/cabinets')
  open(@CurrentCaller() caller: Caller, @Body() body: OpenCabinetDto): Promise<CabinetCreatedDto> {
    return this.openCabinet.execute(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'The cabinets the caller can see, with their role in each, address and time zone' })
  @ApiResponse({ status: 200, type: [CabinetViewDto] })
  list(@CurrentCaller() caller: Caller): Promise<CabinetView[]> {
    return this.listCabinets.execute(caller.principal.accountId);
  }

  @Patch(':cabinetId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Rename a cabinet or change its time zone (owner)', description: 'Give name, timeZone or both; both change or neither.' })
  async change(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: ChangeCabinetDto): Promise<void> {
    // null counts as absent, as @IsOptional lets it through.
    if (body.name == null && body.timeZone == null) {
      throw new Rejection('invalid', 'REQUEST.INVALID', 'Give name, timeZone or both');
    }
    await this.changeCabinet.execute(caller, cabinetId, body);
  }

  @Put(':cabinetId/reminder-settings')
  @ApiOperation({
    summary: 'How the cabinet reminds patients of their appointments (owner)',
    description:
      'delayHours (0 to 168; 0: no reminders), the address and the phone number reminders show. Answers them as stored (the phone in E.164); every cabinet answer carries them as reminderSettings.',
  })
  @ApiResponse({ status: 200, type: ReminderSettingsViewDto })
  reminderSettings(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: ReminderSettingsDto): Promise<ReminderSettings> {
    return this.changeReminderSettings.execute(caller, cabinetId, body);
  }

  @Get(':cabinetId/practitioners')
  @ApiOperation({
    summary: 'Who practises in the cabinet: the owner, the colleagues, the substitutes in force',
    description: 'For whoever reads its appointments or its patients. displayName is null until identity’s account event has reached access-grant.',
  })
  @ApiResponse({ status: 200, type: [PractitionerViewDto] })
  practitioners(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string): Promise<PractitionerView[]> {
    return this.listPractitioners.execute(caller.principal.accountId, cabinetId);
  }

  @Get(':cabinetId/colleagues')
  @ApiOperation({ summary: 'The colleagues invited to share the cabinet, and where each stands: invited, active or removed (owner)' })
  @ApiResponse({ status: 200, type: [ColleagueViewDto] })
  colleagues(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string): Promise<ColleagueView[]> {
    return this.listColleagues.execute(caller.principal.accountId, cabinetId);
  }

  @Post(':cabinetId/close')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close a cabinet (owner): nobody works in it any more; records and ledgers stay' })
  async close(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string): Promise<void> {
    await this.closeCabinet.execute(caller, cabinetId);
  }

  @Post(':cabinetId/colleagues')
  @ApiOperation({ summary: 'Invite a colleague (an existing main account) to share the cabinet (owner)' })
  // No route reads one invitation: Location is the cabinet's colleagues, where the invitee shows as invited.
  @CreatedAt(InvitationCreatedDto, '/cabinets/{cabinetId}/colleagues')
  invite(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: InviteColleagueDto): Promise<InvitationCreatedDto> {
    return this.inviteColleague.execute(caller, cabinetId, body.email);
  }

  @Delete(':cabinetId/colleagues/:accountId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a colleague from the cabinet (owner)' })
  async remove(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Param('accountId') accountId: string): Promise<void> {
    await this.removeColleague.execute(caller, cabinetId, accountId);
  }
}
