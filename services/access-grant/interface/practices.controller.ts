import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ClosePracticeHandler } from '../application/close-practice/close-practice.handler';
import { InviteColleagueHandler } from '../application/invite-colleague/invite-colleague.handler';
import { ListPracticesQuery, PracticeView } from '../application/list-practices/list-practices.query';
import { OpenPracticeHandler } from '../application/open-practice/open-practice.handler';
import { RemoveColleagueHandler } from '../application/remove-colleague/remove-colleague.handler';
import { RenamePracticeHandler } from '../application/rename-practice/rename-practice.handler';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { CabinetCreatedDto, InvitationCreatedDto, InviteColleagueDto, OpenPracticeDto, RenamePracticeDto } from './access-grant.dto';

@ApiTags('practices')
@ApiBearerAuth()
@Controller('cabinets')
export class PracticesController {
  constructor(
    private readonly openPractice: OpenPracticeHandler,
    private readonly renamePractice: RenamePracticeHandler,
    private readonly closePractice: ClosePracticeHandler,
    private readonly inviteColleague: InviteColleagueHandler,
    private readonly removeColleague: RemoveColleagueHandler,
    private readonly listPractices: ListPracticesQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a practice (main accounts)' })
  @ApiResponse({ status: 201, type: CabinetCreatedDto })
  open(@CurrentCaller() caller: Caller, @Body() body: OpenPracticeDto): Promise<CabinetCreatedDto> {
    return this.openPractice.execute(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'The practices the caller can see, with their role in each' })
  list(@CurrentCaller() caller: Caller): Promise<PracticeView[]> {
    return this.listPractices.execute(caller.principal.accountId);
  }

  @Patch(':cabinetId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Rename a practice (owner)' })
  async rename(@CurrentCaller() caller: Caller, @Param('cabinetId') cabinetId: string, @Body() body: RenamePracticeDto): Promise<void> {
    await this.renamePractice.execute(caller, cabinetId, body.name);
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
