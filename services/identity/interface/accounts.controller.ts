import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller } from '@osteo/auth';
import { ApiErrors } from '@osteo/http';
import { EraseAccountHandler } from '../application/erase-account/erase-account.handler';

/** Accounts as their owner sees them: the specific accounts their delegations created. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly eraseAccount: EraseAccountHandler) {}

  @Delete(':accountId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase a specific account your delegation created (right to erasure), once no delegation to it is in force',
    description:
      "Its sessions end at once; its e-mail address and name are erased for good (crypto-shredding) and show as erased in every list. The address stays unusable for a new account. Main accounts cannot be erased (their ledgers are kept 10 years by law).",
  })
  @ApiResponse({ status: 204, description: 'Erased (again, if it already was)' })
  @ApiErrors(
    { status: 403, description: 'ACCOUNT.ERASURE_NOT_ALLOWED: your own account, or one another owner created; ACCOUNT.MAIN_ACCOUNT_NOT_ERASABLE' },
    { status: 404, description: 'ACCOUNT.NOT_FOUND: no account you delegated to has this id' },
    { status: 409, description: 'ACCOUNT.DELEGATION_IN_FORCE: revoke every delegation to it first; EVENT_STORE.WRONG_EXPECTED_REVISION' },
  )
  async erase(@CurrentCaller() caller: Caller, @Param('accountId') accountId: string): Promise<void> {
    await this.eraseAccount.execute(caller, accountId);
  }
}
