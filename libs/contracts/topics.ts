/** One topic per publishing service; the key is the stream id, so order holds per aggregate. */
export const Topics = {
  identity: 'identity.events',
  access: 'access.events',
  planning: 'planning.events',
  records: 'records.events',
  accounting: 'accounting.events',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];
