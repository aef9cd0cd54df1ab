import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ArtifactClient, FindOptions } from '@actions/artifact';
import { localFileObjects, newLocalFileCounters, relativeName } from './local.js';
import { ConfigError } from '../errors.js';
import type { Source, SourceDescription, SourceGap, SourceObject } from './types.js';

export interface ArtifactSourceOptions {
  /** `config.artifactRunId`: set to read another run's artifact. */
  runId?: string;
  /** `config.artifactRepository` (`owner/name`); defaults to GITHUB_REPOSITORY. */
  repository?: string;
  /** `config.githubToken`: needs `actions:read` on that repository. */
  token?: string;
  /** Where the download directory is created; default RUNNER_TEMP, else the OS temp dir. */
  tempDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Used instead of @actions/artifact's DefaultArtifactClient. */
  client?: Pick<ArtifactClient, 'getArtifact' | 'downloadArtifact'>;
}

type FindBy = NonNullable<FindOptions['findBy']>;

/** `artifact:NAME`: a workflow artifact, downloaded to a temp dir and read as local files. */
export class ArtifactSource implements Source {
  readonly artifactName: string;
  private readonly findBy?: FindBy;
  private readonly counters = newLocalFileCounters();
  private downloadPath?: string;
  private artifactId?: number;
  private artifactBytes?: number;

  constructor(
    private readonly line: string,
    private readonly options: ArtifactSourceOptions = {}
  ) {
    this.artifactName = line.slice('artifact:'.length).trim();
    if (!this.artifactName) throw new ConfigError(`Input 'source': '${line}' names no artifact; use artifact:NAME`);
    this.findBy = this.resolveFindBy();
  }

  /** Another run (or repository) is read through the public API, which needs a run id and a token. */
  private resolveFindBy(): FindBy | undefined {
    const env = this.options.env ?? process.env;
    const runId = (this.options.runId ?? '').trim();
    const repository = (this.options.repository ?? '').trim();
    if (!runId) {
      if (repository) {
        throw new ConfigError(`Input 'artifact-run-id' is required when 'artifact-repository' is set (reading '${this.line}')`);
      }
      return undefined;
    }
    if (!/^\d+$/.test(runId)) throw new ConfigError(`Input 'artifact-run-id' must be a workflow run id (a number), got '${runId}'`);
    const ownerAndName = repository || env.GITHUB_REPOSITORY || '';
    const match = /^([^/\s]+)\/([^/\s]+)$/.exec(ownerAndName);
    if (!match) {
      throw new ConfigError(
        repository
          ? `Input 'artifact-repository' must be owner/name, got '${repository}'`
          : `Input 'artifact-repository' is required (owner/name) when GITHUB_REPOSITORY is not set`
      );
    }
    const token = (this.options.token ?? '').trim();
    if (!token) {
      throw new ConfigError(`Input 'github-token' is required to download '${this.line}' from run ${runId} (it needs actions:read)`);
    }
    return { token, workflowRunId: Number(runId), repositoryOwner: match[1], repositoryName: match[2] };
  }

  objects(): AsyncIterable<SourceObject | SourceGap> {
    return this.generateObjects();
  }

  private async *generateObjects(): AsyncGenerator<SourceObject | SourceGap> {
    const dir = await this.download();
    yield* localFileObjects('.', dir, this.counters, {
      nameFor: (file) => `artifact:${this.artifactName}/${relativeName(dir, file)}`,
      noMatchMessage: `artifact '${this.artifactName}' contains no files`
    });
  }

  private async download(): Promise<string> {
    const env = this.options.env ?? process.env;
    const client = this.options.client ?? new (await import('@actions/artifact')).DefaultArtifactClient();
    const base = this.options.tempDir ?? env.RUNNER_TEMP ?? os.tmpdir();
    await fsp.mkdir(base, { recursive: true });
    const dir = await fsp.mkdtemp(path.join(base, 'bedrock-denied-scan-artifact-'));
    const where = this.findBy
      ? `run ${this.findBy.workflowRunId} of ${this.findBy.repositoryOwner}/${this.findBy.repositoryName}`
      : 'this workflow run';
    let found;
    try {
      found = await client.getArtifact(this.artifactName, this.findBy ? { findBy: this.findBy } : undefined);
    } catch (err) {
      throw this.translate(err, where);
    }
    this.artifactId = found.artifact.id;
    this.artifactBytes = found.artifact.size;
    let result;
    try {
      result = await client.downloadArtifact(found.artifact.id, {
        path: dir,
        expectedHash: found.artifact.digest,
        ...(this.findBy ? { findBy: this.findBy } : {})
      });
    } catch (err) {
      throw this.translate(err, where);
    }
    if (result.digestMismatch) {
      throw new Error(`${this.line}: the downloaded artifact does not match its recorded digest ${found.artifact.digest ?? ''}`);
    }
    this.downloadPath = result.downloadPath ?? dir;
    return this.downloadPath;
  }

  private translate(err: unknown, where: string): Error {
    const name = (err as Error)?.name ?? '';
    const message = (err as Error)?.message ?? String(err);
    if (name === 'ArtifactNotFoundError') {
      return new ConfigError(`Input 'source': artifact '${this.artifactName}' was not found in ${where} (expired, or never uploaded?)`);
    }
    if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message)) {
      return new ConfigError(
        `Input 'source': '${this.line}' from the current run needs the Actions runtime, available only inside a workflow job; ` +
          `set 'artifact-run-id' and 'github-token' to read another run's artifact`
      );
    }
    if (/\b(401|403)\b|Bad credentials|Resource not accessible/i.test(message)) {
      return new ConfigError(`Input 'github-token': cannot read artifacts of ${where}; the token needs actions:read (${message})`);
    }
    return new Error(`${this.line}: ${message}`, { cause: err });
  }

  describe(): SourceDescription {
    return {
      kind: 'artifact',
      location: this.line,
      details: {
        artifact: this.artifactName,
        artifactId: this.artifactId ?? null,
        artifactBytes: this.artifactBytes ?? null,
        runId: this.findBy?.workflowRunId ?? null,
        repository: this.findBy ? `${this.findBy.repositoryOwner}/${this.findBy.repositoryName}` : null,
        downloadPath: this.downloadPath ?? null,
        ...this.counters
      }
    };
  }
}
