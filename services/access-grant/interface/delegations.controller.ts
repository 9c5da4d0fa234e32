import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CreatedAt } from '@osteo/http';
import { Rejection } from '@osteo/event-sourcing/rejection';
import { ChangeDelegationHandler } from '../application/change-delegation/change-delegation.handler';
import { GrantDelegationHandler } from '../application/grant-delegation/grant-delegation.handler';
import { DelegationView, ListDelegationsQuery } from '../application/list-delegations/list-delegations.query';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { RevokeDelegationHandler } from '../application/revoke-delegation/revoke-delegation.handler';
import { ChangeDelegationDto, DelegationCreatedDto, DelegationsDto, GrantDelegationDto } from './access-grant.dto';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(
    private readonly grantDelegation: GrantDelegationHandler,
    private readonly changeDelegation: ChangeDelegationHandler,
    private readonly revokeDelegation: RevokeDelegationHandler,
    private readonly listDelegations: ListDelegationsQuery,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Give a secretary, substitute or accountant access to some of your cabinets',
    description: 'An e-mail without an account gets one, with a temporary password sent to that address.',
  })
  // No route reads one delegation: Location is the list of delegations, which holds it.
  @CreatedAt(DelegationCreatedDto, '/delegations')
  @ApiErrors(
    { status: 404, description: 'RESOURCE.NOT_FOUND: one of cabinetIds is none of your cabinets' },
    { status: 409, description: 'DELEGATION.DUPLICATE: this person already holds this role from you; CABINET.CLOSED' },
  )
  grant(@CurrentCaller() caller: Caller, @Body() body: GrantDelegationDto): Promise<DelegationCreatedDto> {
    return this.grantDelegation.execute(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'Delegations you granted (with the grantee’s name once known), and those granted to you (with the owner’s name)' })
  @ApiResponse({ status: 200, type: DelegationsDto })
  list(@CurrentCaller() caller: Caller): Promise<{ granted: DelegationView[]; received: DelegationView[] }> {
    return this.listDelegations.execute(caller.principal.accountId);
  }

  @Patch(':delegationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the cabinets or the retrocession rate (owner); effective within a second' })
  async change(@CurrentCaller() caller: Caller, @Param('delegationId') delegationId: string, @Body() body: ChangeDelegationDto): Promise<void> {
    if (body.cabinetIds === undefined && body.retrocessionPercent === undefined) {
      throw new Rejection('invalid', 'REQUEST.INVALID', 'Give cabinetIds, retrocessionPercent or both');
    }
    await this.changeDelegation.execute(caller, delegationId, body);
  }

  @Delete(':delegationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a delegation (owner): the access is gone within a second' })
  async revoke(@CurrentCaller() caller: Caller, @Param('delegationId') delegationId: string): Promise<void> {
    await this.revokeDelegation.execute(caller, delegationId);
  }
}
