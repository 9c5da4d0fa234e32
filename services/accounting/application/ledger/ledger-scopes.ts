import { Injectable } from '@nestjs/common';
import { AccessCheck, type Caller, ledgerCabinetsVisibleTo } from '@osteo/auth';
import { Rejection } from '@osteo/event-sourcing/rejection';
import type { LedgerScope } from './ledger-lines';

/** `me` stands for the caller's own ledger, as in POST /ledgers/me/entries. */
export const OWN_LEDGER = 'me';

/**
 * What of a ledger the caller may list, print or export, decided on every request: the holder
 * sees every line, an accountant of the holder those of the cabinets selected for them, anyone
 * else nothing (403 or 404 as the policy says). A cabinet filter outside what the caller sees
 * answers 404, as for anything outside every cabinet they can see.
 */
@Injectable()
export class LedgerScopes {
  constructor(private readonly access: AccessCheck) {}

  async require(caller: Caller, ledgerAccountId: string, action: 'ledger.read' | 'ledger.export', cabinetId?: string): Promise<LedgerScope> {
    const holderId = ledgerAccountId === OWN_LEDGER ? caller.principal.accountId : ledgerAccountId;
    const access = await this.access.require(caller.principal.accountId, action, { kind: 'ledger', holderId, cabinetId: null }, 'Ledger');
    const visible = ledgerCabinetsVisibleTo(access, holderId);
    if (cabinetId === undefined) return { holderId, cabinetIds: visible };
    // The holder may filter on any cabinet, one they left included: its lines are still theirs.
    if (visible !== 'all' && !visible.has(cabinetId)) throw new Rejection('not_found', 'RESOURCE.NOT_FOUND', 'Cabinet not found');
    return { holderId, cabinetIds: new Set([cabinetId]) };
  }
}
