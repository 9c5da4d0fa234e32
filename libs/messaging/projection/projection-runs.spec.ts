import { InMemoryReadStore } from '@osteo/read-store';
import { cabinetHistory, cabinetRosterProjection, publicEnvelopesOf } from '../test-support/cabinet-roster';
import { describeProjectionRuns } from './projection-runs.contract';

describeProjectionRuns(
  'InMemoryReadStore',
  async () => new InMemoryReadStore(),
  { 'cabinet rosters opened, changed and closed': () => ({ projections: [cabinetRosterProjection], envelopes: publicEnvelopesOf(cabinetHistory(6, 12)) }) },
  { numRuns: 60, maxCuts: 12 },
);
