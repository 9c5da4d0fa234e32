import { Injectable } from '@nestjs/common';
import { enforce } from './access-enforcement';
import { Action, PrincipalAccess, Resource, can } from './access/access-policy';
import { AccessReader } from './access/access-reader';

/**
 * What every service does before acting for a caller: read the caller's access from its own
 * access projection, decide with the one policy, answer 404 or 403 when not allowed.
 */
@Injectable()
export class AccessCheck {
  constructor(private readonly reader: AccessReader) {}

  /** Resolves with the caller's access (for further filtering) when the action is allowed. */
  async require(accountId: string, action: Action, resource: Resource, subject: string): Promise<PrincipalAccess> {
    const access = await this.reader.principalAccess(accountId);
    enforce(can(access, action, resource), subject);
    return access;
  }
}
