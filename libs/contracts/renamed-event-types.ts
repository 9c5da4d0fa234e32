/**
 * Event types as they were first written, and the name each has now. Stores and topics keep what
 * was written; every reader sees the current name (docs/adr/0004-one-word-cabinet.md).
 */
const currentNameOfRenamedType: Readonly<Record<string, string>> = {
  PracticeOpened: 'CabinetOpened',
  PracticeRenamed: 'CabinetRenamed',
  PracticeTimeZoneChanged: 'CabinetTimeZoneChanged',
  PracticeClosed: 'CabinetClosed',
  DelegationPracticesChanged: 'DelegationCabinetsChanged',
};

export function currentEventType(type: string): string {
  return currentNameOfRenamedType[type] ?? type;
}
