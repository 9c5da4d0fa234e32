import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AcceptInvitationHandler } from '../application/accept-invitation/accept-invitation.handler';
import { InvitationListing, ListInvitationsQuery } from '../application/list-invitations/list-invitations.query';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { InvitationsDto } from './access-grant.dto';

@ApiTags('cabinets')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly acceptInvitation: AcceptInvitationHandler,
    private readonly listInvitations: ListInvitationsQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Invitations to share a cabinet: received (pending) and sent, with the cabinet’s name and who invited whom' })
  @ApiResponse({ status: 200, type: InvitationsDto })
  list(@CurrentCaller() caller: Caller): Promise<{ received: InvitationListing[]; sent: InvitationListing[] }> {
    return this.listInvitations.execute(caller.principal.accountId);
  }

  @Post(':invitationId/accept')
  @HttpCode(204)
  @ApiOperation({ summary: 'Accept an invitation addressed to you' })
  async accept(@CurrentCaller() caller: Caller, @Param('invitationId') invitationId: string): Promise<void> {
    await this.acceptInvitation.execute(caller, invitationId);
  }
}
