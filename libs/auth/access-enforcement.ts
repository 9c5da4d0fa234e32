import { Rejection } from '@osteo/event-sourcing/rejection';
import type { Decision } from './access/access-policy';

/**
 * Turns a policy decision into the answer ARCHITECTURE.md prescribes: what lies outside every
 * cabinet the caller can see does not exist for them (404); what they see but may not do is a 403.
 */
export function enforce(decision: Decision, subject: string): void {
  if (decision === 'not_found') throw new Rejection('not_found', 'RESOURCE.NOT_FOUND', `${subject} not found`);
  if (decision === 'forbidden') throw new Rejection('forbidden', 'ACCESS.FORBIDDEN', `Your role does not allow this on ${subject}`);
}
