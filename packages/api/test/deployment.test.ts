import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SETTINGS } from '../src/config';

// No Docker engine runs where the tests run, so the deployment files are read and held against
// the settings the app really reads, instead of being built.
const ROOT = path.join(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const SETTING_NAMES = new Set<string>(SETTINGS);

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };

describe('the settings list', () => {
  it('names every variable that config.ts and delivery-config.ts read, and nothing else', () => {
    const sources = ['packages/api/src/config.ts', 'packages/api/src/delivery/delivery-config.ts'].map(read).join('\n');
    const readInCode = new Set([...sources.matchAll(/\(env, '([A-Z_]+)'|env\.([A-Z_]+)/g)].map((m) => m[1] ?? m[2]!));
    expect([...readInCode].sort()).toEqual([...SETTING_NAMES].sort());
  });

  it('is documented in the README and in .env.example', () => {
    const readme = read('README.md');
    const example = read('.env.example');
    const undocumented = SETTINGS.filter((name) => !readme.includes(name) || !new RegExp(`^#?${name}=`, 'm').test(example));
    expect(undocumented).toEqual([]);
  });
});

describe('the ways to start the server', () => {
  /** A `[NAME=value …] node … main.js` command: its assignments, and node's options less the script's path. */
  const commandOf = (command: string[]) => {
    const node = command.indexOf('node');
    expect(node).toBeGreaterThanOrEqual(0);
    expect(command.at(-1)).toMatch(/dist\/main\.js$/);
    return { env: command.slice(0, node), nodeOptions: command.slice(node + 1, -1) };
  };
  const words = (script: string) => script.trim().split(/\s+/);
  const scriptsOf = (file: string) => (JSON.parse(read(file)) as { scripts: Record<string, string> }).scripts;

  it('give node the same allocator settings and options: pnpm start at the root and in the API package, and the image', () => {
    const root = commandOf(words(scriptsOf('package.json').start!));
    const dockerfile = read('Dockerfile');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    // The runtime stage's ENV, over its continued lines.
    const imageEnv = /^ENV (?:[^\n]*\\\n)*[^\n]*/m.exec(dockerfile)?.[0].replace(/\\\n/g, ' ');
    expect(root.env).toEqual([expect.stringMatching(/^GLIBC_TUNABLES=glibc\.malloc\.hugetlb=1:glibc\.malloc\.mmap_threshold=\d+:/)]);
    expect(commandOf(words(scriptsOf('packages/api/package.json').start!))).toEqual(root);
    // The image's command is node itself; its environment comes from ENV.
    expect(commandOf(JSON.parse(cmd!) as string[])).toEqual({ env: [], nodeOptions: root.nodeOptions });
    expect(words(imageEnv!)).toContain(root.env[0]);
  });
});

describe('docker-compose.yml', () => {
  const apps = Object.entries(compose.services).filter(([name]) => name.startsWith('app'));

  it('gives the apps only settings Latchkey reads', () => {
    expect(apps.length).toBeGreaterThanOrEqual(2);
    for (const [, app] of apps) {
      expect(Object.keys(app.environment ?? {}).filter((name) => !SETTING_NAMES.has(name))).toEqual([]);
    }
  });

  it('writes no password or key into the file: each comes from the environment (.env)', () => {
    for (const [, service] of Object.entries(compose.services)) {
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|KEY$/.test(name) && name !== 'REDIS_KEY_PREFIX') expect(`${name}=${value}`).toMatch(/=\$\{[A-Z_]+[:?-]/);
      }
    }
    const databaseUrl = apps[0]![1].environment!.DATABASE_URL!;
    expect(databaseUrl).toMatch(/^postgres:\/\/latchkey:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/latchkey$/);
  });

  it('asks for SMS credentials only when SMS is chosen', () => {
    const env = apps[0]![1].environment!;
    for (const name of ['SMS_PROVIDER', 'VONAGE_API_KEY', 'VONAGE_API_SECRET']) expect(env[name]).toMatch(/^\$\{[A-Z_]+:-\}$/);
    expect(env.TWO_FACTOR_METHODS).toBe('${TWO_FACTOR_METHODS:-TOTP,EMAIL}');
  });

  it('pins every image to a release, not a moving major or latest', () => {
    const images = Object.values(compose.services).flatMap((service) => (service.image ? [service.image] : []));
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) expect(image).toMatch(/^[a-z0-9/-]+:\d+\.\d+(\.\d+)?-[a-z]+$/);
  });

  it('keeps Redis on disk, so lockouts survive its restart', () => {
    const redis = compose.services.redis!;
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(redis.volumes?.some((volume) => volume.endsWith(':/data'))).toBe(true);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = read('Dockerfile');

  it('builds and runs on a Node.js line with security updates, and checks its health', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['node:22-bookworm-slim', 'node:22-bookworm-slim']);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
  });

  it('copies everything a frozen install reads before installing', () => {
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('RUN pnpm install --frozen-lockfile'));
    // pnpm reads each patched dependency's patch (pnpm-workspace.yaml names them) as it installs.
    const patchFolders = [...read('pnpm-workspace.yaml').matchAll(/^ {2}\S+: (\S+)\/[^/\s]+\.patch$/gm)].map((m) => m[1]!);
    expect(patchFolders).toContain('patches');
    for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '.pnpmfile.cjs']) expect(beforeInstall).toContain(file);
    for (const folder of new Set(patchFolders)) expect(beforeInstall).toMatch(new RegExp(`^COPY ${folder} ${folder}$`, 'm'));
  });

  it('keeps .env files out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*', '!.env.example']));
  });
});
