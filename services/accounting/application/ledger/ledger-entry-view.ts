import type { LedgerEntryKind, PaymentMethod } from '@osteo/contracts';
import type { LedgerEntryCategory, LedgerLine } from '../../domain/ledger-line';

/** A line as clients see it (PRODUCT.md, "Shapes that clients rely on"). */
export type LedgerEntryView = {
  readonly entryId: string;
  readonly date: string;
  readonly cabinetId: string;
  readonly kind: LedgerEntryKind;
  readonly category: LedgerEntryCategory;
  readonly amountCents: number;
  readonly label: string;
  readonly paymentMethod: PaymentMethod;
  readonly patientName?: string;
  readonly consultationId?: string;
  readonly counterpartyAccountId?: string;
};

export const entryViewOf = ({ holderId: _holder, recordedAt: _recordedAt, orderingKey: _orderingKey, ...view }: LedgerLine): LedgerEntryView => view;
