/**
 * The `paginate` command line: commander parses, each command calls one function, and one
 * top-level handler turns errors into one line and an exit code (a stack only with --verbose).
 * Over 150 lines: every command's commander wiring, as the one file that imports commander.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ExitCode, isPaginateError } from './errors.js';
import { packagePath } from './package-root.js';
import { parseExportOptions, type RawExportOptions } from './cli-options.js';
import { createRedactor } from './http/redact.js';
import { EXPORT_OPTIONS, helpLine, type ExportOption } from './options/export-options.js';
import { outputError } from './sink/output-error.js';

const EXPORT_EXAMPLES = `
Examples:
  $ paginate export soundcharts artists --sandbox --max-items 1000 -o artists.ndjson
  $ paginate export soundcharts artists --filter platform=spotify --filter min=10000 -o artists.ndjson
  $ paginate export artsy artists --format csv --fields id,name,birthday | psql -c "\\copy artists from stdin csv header"
  $ paginate export podchaser podcasts --max-items 5000 | jq -r .title
  $ paginate export soundcloud user-tracks --filter user=soundcloud:users:948745750 -o tracks.csv.gz
  $ paginate export soundcloud user-tracks --filter user=soundcloud:users:948745750 --incremental -o tracks.ndjson
  $ paginate export artsy artists --max-items 200 | paginate export artsy artworks --each artist-id=id -o artworks.ndjson`;

const controller = new AbortController();
let verbose = process.argv.includes('--verbose');

function buildProgram(): Command {
  const program = new Command('paginate')
    .description('Export every record of a paginated HTTP API as NDJSON or CSV.')
    .version(packageVersion())
    // Commander's own errors (unknown option, missing argument) as one line like ours.
    .configureOutput({ outputError: (text, write) => write(`paginate: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (see paginate --help)\n`) })
    .exitOverride()
    .addHelpText('after', EXPORT_EXAMPLES);

  const exportCommand = program
    .command('export')
    .description('export every record of a profile endpoint')
    .argument('<profile>', 'provider profile name (see `paginate profiles list`)')
    .argument('[endpoint]', "endpoint name; the profile's default when omitted")
    .addHelpText('after', EXPORT_EXAMPLES);
  for (const spec of Object.values(EXPORT_OPTIONS)) exportCommand.addOption(commanderOption(spec));
  exportCommand
    .action(async (profile: string, endpoint: string | undefined, raw: RawExportOptions) => {
      verbose = raw.verbose === true;
      const command = parseExportOptions(profile, endpoint, raw);
      // Loaded on use: --help and `profiles list` must start fast.
      const { runExport } = await import('./run-export.js');
      process.exitCode = await runExport(command, {
        stdout: process.stdout,
        stdin: process.stdin,
        stderr: process.stderr,
        env: process.env,
        signal: controller.signal,
      });
    });

  const profiles = program
    .command('profiles')
    .description('list, show and validate provider profiles')
    .addHelpText('after', '\nExamples:\n  $ paginate profiles list\n  $ paginate profiles show soundcharts\n  $ paginate profiles validate ./my-api.yaml\n  $ paginate profiles schema --path\n\nWriting a profile: docs/profiles.md in the package (every field, paths, stop rules).');
  profiles
    .command('list')
    .description('list the profiles paginate can find')
    .addHelpText('after', '\nExample:\n  $ paginate profiles list')
    .action(async () => (await import('./profile-list.js')).listProfilesCommand(process.stdout));
  profiles
    .command('show')
    .description("show a profile's endpoints, parameters, pagination, filters, environment variables and limits")
    .argument('<name>', 'profile name, or a profile file such as ./my-api.yaml')
    .addHelpText('after', '\nExamples:\n  $ paginate profiles show soundcharts\n  $ paginate profiles show ./my-api.yaml')
    .action(async (name: string) => (await import('./profile-commands.js')).showProfileCommand(name, process.stdout));
  profiles
    .command('validate')
    .description('check a profile file against the schema, reporting every error')
    .argument('<file>', 'YAML or JSON profile')
    .addHelpText('after', '\nExample:\n  $ paginate profiles validate ./my-api.yaml')
    .action(async (file: string) => {
      const { validateProfileCommand } = await import('./profile-commands.js');
      process.exitCode = validateProfileCommand(file, process.stdout, process.stderr);
    });

  profiles
    .command('schema')
    .description("print the profiles' JSON Schema, for editors and a profile's $schema")
    .option('--path', 'print where the schema file is installed instead')
    .addHelpText('after', '\nExamples:\n  $ paginate profiles schema > profile.schema.json\n  $ echo "# yaml-language-server: $schema=$(paginate profiles schema --path)" > my-api.yaml')
    .action(async (raw: { path?: boolean }) => {
      const { SCHEMA_FILE } = await import('./profile-commands.js');
      process.stdout.write(raw.path ? `${SCHEMA_FILE}\n` : readFileSync(SCHEMA_FILE, 'utf8'));
    });

  program
    .command('sandbox')
    .description("serve a provider's emulator on 127.0.0.1 for curl and other tools")
    .argument('<profile>', 'soundcharts, soundcloud, podchaser, artsy or starting-at')
    .option('--port <N>', 'port to listen on (default: a free one)')
    .addOption(new Option('--latency <MS>', "response latency in ms (default: the provider's)"))
    .option('--faults <SPEC>', 'inject faults, comma-separated: error5xx, reset, rate429, malformed, slow, hang=P (0..1, summing to at most 1), burst429=AFTER:COUNT, retryAfterS=S, slowMs=MS, seed=N')
    .addHelpText('after', '\nExamples:\n  $ paginate sandbox soundcharts --port 8080\n  $ paginate sandbox starting-at --faults error5xx=0.05,reset=0.02,rate429=0.03,malformed=0.01,seed=7')
    .action(async (profile: string, raw: { port?: string; latency?: string; faults?: string }) =>
      (await import('../sandbox/command.js')).runSandboxCommand(profile, raw, controller.signal),
    );
  return program;
}

/** A row of the option table as commander's Option; defaults are the table's, applied when parsing. */
function commanderOption(spec: ExportOption): Option {
  const option = new Option(spec.arg ? `${spec.flags} <${spec.arg}>` : spec.flags, helpLine(spec));
  if (spec.env) option.env(spec.env);
  if (spec.repeatable) option.argParser((value: string, all: string[] = []) => [...all, value]);
  return option;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

function installSignals(): void {
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    // A second Ctrl-C exits at once.
    if (interrupts > 1) process.exit(ExitCode.interrupted);
    controller.abort(new Error(`interrupted by ${signal}`));
    process.exitCode = ExitCode.interrupted;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
  installSignals();
  // `paginate profiles list | head`: a reader that left is not an error. An export's sink listens
  // too and reports its own failure; anything else (`> /dev/full`) is one line and exit 1.
  let stdoutFailed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || process.stdout.listenerCount('error') > 1 || stdoutFailed) return;
    stdoutFailed = true;
    process.stderr.write(`paginate: ${outputError(error, 'stdout').message}\n`);
    process.exitCode = ExitCode.failed;
  });
  const redact = createRedactor(Object.entries(process.env).filter(([name]) => /TOKEN|KEY|SECRET|PASSWORD/i.test(name)).map(([, value]) => value ?? ''));
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    if (isPaginateError(error)) {
      process.stderr.write(`paginate: ${redact(error.message)}\n`);
      if (verbose && error.cause) process.stderr.write(`${redact(String((error.cause as Error).stack ?? error.cause))}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    if (controller.signal.aborted) {
      process.exitCode = ExitCode.interrupted;
      return;
    }
    const message = redact((error as Error)?.message ?? String(error));
    process.stderr.write(`paginate: internal error: ${message}${verbose ? '' : ' (run with --verbose for details; please report it)'}\n`);
    if (verbose) process.stderr.write(`${redact(String((error as Error)?.stack))}\n`);
    process.exitCode = ExitCode.failed;
  } finally {
    // A command that finished well while its stdout failed (--dry-run's plan, `profiles list`) did not.
    if (stdoutFailed && !process.exitCode) process.exitCode = ExitCode.failed;
  }
}

await main();
