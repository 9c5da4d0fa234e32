import { randomBytes } from 'node:crypto';
import { MongoReadStore } from '@osteo/read-store';
import { cabinetHistory, cabinetRosterProjection, publicEnvelopesOf } from '../test-support/cabinet-roster';
import { describeProjectionRuns } from './projection-runs.contract';

const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) {
  // Not a skip: the Jest global setup always provides a MongoDB-compatible server (FerretDB).
  throw new Error('MONGO_URL is not set: projection runs over MongoReadStore need a MongoDB-compatible server');
}

describeProjectionRuns(
  'MongoReadStore',
  () => MongoReadStore.connect(mongoUrl, `projection_runs_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`),
  { 'cabinet rosters opened, changed and closed': () => ({ projections: [cabinetRosterProjection], envelopes: publicEnvelopesOf(cabinetHistory(6, 12)) }) },
  // Each history costs a few hundred FerretDB round trips.
  { numRuns: 12, maxCuts: 8 },
);
