import { benchmarkPolicy } from './policy.bench';
import { type BenchmarkReport, formatCount } from './report';

/** The access policy benchmark (./policy.bench.ts) told in the shape of every other section. */
export async function benchmarkPolicyReport(): Promise<BenchmarkReport> {
  const result = await benchmarkPolicy();
  return {
    title: 'Access policy: decisions per second, against CASL',
    settings: [
      `${formatCount(result.grants)} grants held by ${formatCount(result.principals)} accounts; a fixed mix of ${formatCount(result.decisionsInMix)} requests, ${Math.round(result.allowedShare * 100)} % of them allowed, each decided alike by both sides before the clock starts.`,
      'Each side holds what a service would: our PrincipalAccess per account, CASL one ability per account with a rule per grant. The mix and the rounds are described in bench/policy.bench.ts.',
    ],
    table: {
      headers: ['decider', 'decisions/s'],
      rows: [
        ['can (libs/auth)', formatCount(result.ours)],
        ['CASL ability.can (baseline)', formatCount(result.casl)],
      ],
    },
    verdicts: [`can / CASL: ${result.ratio.toFixed(2)}`],
  };
}
