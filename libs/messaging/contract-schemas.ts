import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { publicEventContracts } from '@osteo/contracts';

/** Null when `data` keeps its contract; otherwise what breaks it, for a dead letter's reason. */
export type ContractCheck = (data: unknown) => string | null;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const checks = new Map<string, ContractCheck>();

/**
 * Checks an event's data against its contract's own JSON Schema (libs/contracts), compiled once
 * here: a consumer holds a publisher to what it promised, not to a copy that could drift from it.
 * Throws at once for a type and version that no contract describes, a mistake in the consumer.
 */
export function contractCheckOf(type: string, version: number): ContractCheck {
  const key = `${type}/v${version}`;
  const known = checks.get(key);
  if (known !== undefined) return known;
  const contract = publicEventContracts.find((candidate) => candidate.type === type && candidate.version === version);
  if (contract === undefined) throw new Error(`No public contract describes ${type} version ${version}`);
  const validate = ajv.compile(contract.dataSchema as object);
  const check: ContractCheck = (data) => (validate(data) ? null : problemOf(validate.errors ?? []));
  checks.set(key, check);
  return check;
}

/** `invalid feeCents, date`, naming each field once, in the schema's words where no field is at fault. */
function problemOf(errors: readonly ErrorObject[]): string {
  const fields = new Set(errors.map(fieldOf));
  return `invalid ${[...fields].join(', ')}`;
}

function fieldOf(error: ErrorObject): string {
  if (error.keyword === 'required') return String(error.params.missingProperty);
  if (error.keyword === 'additionalProperties') return `${String(error.params.additionalProperty)} (not in the contract)`;
  return error.instancePath.replace(/^\//, '').replaceAll('/', '.') || `data (${error.message ?? error.keyword})`;
}
