import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequestRejected } from '@osteo/http';
import { ChangePracticeHandler } from '../application/change-practice/change-practice.handler';
import { ClosePracticeHandler } from '../application/close-practice/close-practice.handler';
import { InviteColleagueHandler } from '../application/invite-colleague/invite-colleague.handler';
import { ColleagueView, ListColleaguesQuery } from '../application/list-colleagues/list-colleagues.query';
import { ListPracticesQuery, PracticeView } from '../application/list-practices/list-practices.query';
import { ListPractitionersQuery, PractitionerView } from '../application/list-practitioners/list-practitioners.query';
import { OpenPracticeHandler } from '../application/open-practice/open-practice.handler';
import { RemoveColleagueHandler } from '../application/remove-colleague/remove-colleague.handler';
import { type Caller, CurrentCaller } from '@osteo/auth';
import {
  CabinetCreatedDto,
  ChangePracticeDto,
  ColleagueViewDto,
  InvitationCreatedDto,
  InviteColleagueDto,
  OpenPracticeDto,
  PracticeViewDto,
  PractitionerViewDto,
} from './access-grant.dto';

@ApiTags('practices')
@ApiBearerAuth()
@Controller('cabinets')
export class PracticesController {
  constructor(
    private readonly openPractice: OpenPracticeHandler,
    private readonly changePractice: ChangePracticeHandler,
    private readonly closePractice: ClosePracticeHandler,
    private readonly inviteColleague: InviteColleagueHandler,
    private readonly removeColleague: RemoveColleagueHandler,
    private readonly listPractices: ListPracticesQuery,
    private readonly listPractitioners: ListPractitionersQuery,
    private readonly listColleagues: ListColleaguesQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a practice (main accounts)', description: 'timeZone: an IANA zone, Europe/Paris when not given; an unknown one is a 400.' })
  @ApiResponse({ status: 201, type: CabinetCreatedDto })
  open(@CurrentCaller() caller: Caller, @Body() body: OpenPracticeDto): Promise<CabinetCreatedDto> {
    return this.openPractice.execute(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'The practices the caller can see, with their role in each, address and time zone' })
  @ApiResponse({ status: 200, type: [PracticeViewDto] })
  list(@CurrentCaller() caller: Caller): Promise<PracticeView[]> {
    return this.listPractices.execute(caller.principal.accountId);
  }

  @Patch(':cabinetId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Rename a practice or change its time zone (owner)', description: 'Give name, timeZone or both; both change or neither.' })
  async change(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: ChangePracticeDto): Promise<void> {
    // null counts as absent, as @IsOptional lets it through.
    if (body.name == null && body.timeZone == null) {
      throw new RequestRejected('invalid', 'REQUEST.INVALID', 'Give name, timeZone or both');
    }
    await this.changePractice.execute(caller, cabinetId, body);
  }

  @Get(':cabinetId/practitioners')
  @ApiOperation({
    summary: 'Who practises in the practice: the owner, the colleagues, the substitutes in force',
    description: 'For whoever reads its appointments or its patients. displayName is null until identity’s account event has reached access-grant.',
  })
  @ApiResponse({ status: 200, type: [PractitionerViewDto] })
  practitioners(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string): Promise<PractitionerView[]> {
    return this.listPractitioners.execute(caller.principal.accountId, cabinetId);
  }

  @Get(':cabinetId/colleagues')
  @ApiOperation({ summary: 'The colleagues invited to share the practice, and where each stands: invited, active or removed (owner)' })
  @ApiResponse({ status: 200, type: [ColleagueViewDto] })
  colleagues(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string): Promise<ColleagueView[]> {
    return this.listColleagues.execute(caller.principal.accountId, cabinetId);
  }

  @Post(':cabinetId/close')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close a practice (owner): nobody works in it any more; records and ledgers stay' })
  async close(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string): Promise<void> {
    await this.closePractice.execute(caller, cabinetId);
  }

  @Post(':cabinetId/colleagues')
  @ApiOperation({ summary: 'Invite a colleague (an existing main account) to share the practice (owner)' })
  @ApiResponse({ status: 201, type: InvitationCreatedDto })
  invite(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: InviteColleagueDto): Promise<InvitationCreatedDto> {
    return this.inviteColleague.execute(caller, cabinetId, body.email);
  }

  @Delete(':cabinetId/colleagues/:accountId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a colleague from the practice (owner)' })
  async remove(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Param('accountId') accountId: string): Promise<void> {
    await this.removeColleague.execute(caller, cabinetId, accountId);
  }
}
