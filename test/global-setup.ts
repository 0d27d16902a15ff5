import { execFileSync } from 'node:child_process';

/** Builds the server once, so suites start the same artefact `npm start` runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  process.env.LOGIN_HELP_BUILT = '1';
}
