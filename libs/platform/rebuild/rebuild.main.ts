/** The entry point of `npm run rebuild` (see rebuild-command.ts). */
import { runRebuildCommand } from './rebuild-command';

runRebuildCommand(process.argv.slice(2), {
  env: process.env,
  fetch,
  print: (line) => console.log(line),
  complain: (line) => console.error(line),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
