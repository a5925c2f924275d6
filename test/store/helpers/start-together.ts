// Starts child processes that print "ready" once set up and begin on a line on standard input (see
// ingest-child.ts), and lets them go at the same moment.
import { spawn } from 'node:child_process';
import { ROOT } from '../../run-cli.ts';

export async function runTogether(commands: readonly (readonly string[])[]): Promise<string[]> {
  const children = commands.map((args) => spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }));
  const outputs = children.map((child) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = new Promise<void>((resolve) => {
      const check = () => (stdout.includes('ready\n') ? resolve() : undefined);
      child.stdout.on('data', check);
    });
    const done = new Promise<string>((resolve, reject) => {
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${args(child)} exited ${code}\n${stderr}`))));
    });
    return { ready, done };
  });
  try {
    await Promise.race([Promise.all(outputs.map((output) => output.ready)), Promise.all(outputs.map((output) => output.done))]);
    for (const child of children) child.stdin.write('go\n');
    return await Promise.all(outputs.map((output) => output.done));
  } catch (error) {
    // One child failed: end the others, which would wait for "go" for ever and keep the test file from ending.
    for (const child of children) {
      child.stdin.end();
      if (child.exitCode === null) child.kill();
    }
    throw error;
  }
}

function args(child: { spawnargs: string[] }): string {
  return child.spawnargs.slice(2).join(' ');
}
