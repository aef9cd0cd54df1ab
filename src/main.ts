import * as runner from './workflow-commands.js';
import { readConfig, type ActionConfig } from './config.js';
import { DENY_REASONS } from './detection/deny-reason.js';
import { DeniedInvocations } from './detection/denied-invocations.js';
import { updateBaselineFile } from './publish/baseline-file.js';
import { prefilterMarkers } from './detection/prefilter.js';
import type { DetectionResult, Selection } from './detection/types.js';
import { resolveWindow } from './detection/window.js';
import { ConfigError, EngineError } from './errors.js';
import { writeJobSummary } from './publish/job-summary.js';
import { assertWritable, writeReport } from './publish/report-file.js';
import { renderStoppedSummary } from './report/stopped-summary.js';
import { buildReport } from './report/json-report.js';
import { expiredSuppressionWarnings, logSafe, renderLog } from './report/log.js';
import { stepOutputs } from './report/outputs.js';
import { renderSummary } from './report/summary.js';
import { emptyScanTotals, scanSources, type ScanProgress, type ScanTotals } from './scan.js';
import { createSources, isS3Source } from './sources/index.js';
import type { SourceDescription } from './sources/types.js';
import type { ScanReport } from './report/types.js';
import { decideVerdict, evaluateThreshold, EXIT_INCOMPLETE } from './verdict/threshold.js';

/** At most 10 warning annotations show per step; the rest are in the summary and report. */
const MAX_FILE_ANNOTATIONS = 10;

function selectionOf(config: ActionConfig): Selection {
  // An engine queries a table holding years: like S3, it defaults to the last 24 hours.
  const window = resolveWindow(config.since, config.until, Date.now(), config.sources.some(isS3Source) || config.engine !== 'runner');
  const { eventSources, eventNames, errorCodes, splunkParity, suppress } = config;
  // An engine's query is always bounded: until defaults to now.
  if (config.engine !== 'runner') window.until ??= Date.now();
  return { eventSources, eventNames, errorCodes, splunkParity, suppress, ...window };
}

/** How the command line follows a run; the action passes none. */
export interface RunHooks {
  /** Called when scanning starts; the function it returns is called when scanning ends. */
  scanning?(progress: ScanProgress): () => void;
  /** Called with the report once it is written (before any call to GitHub). */
  reported?(report: ScanReport, reportPath: string): void;
}

/**
 * Wires sources → decode → detection → report → publish/verdict. Returns the exit code it also sets.
 * The report, summary, log and outputs are written before any call to GitHub; the links those calls
 * produce are added afterwards, so a publishing stage that hangs or dies loses nothing.
 */
export async function run(hooks: RunHooks = {}): Promise<number> {
  const started = Date.now();
  let summaryWritten = false;
  try {
    const config = await readConfig((name) => runner.getInput(name));
    const selection = selectionOf(config);
    for (const warning of expiredSuppressionWarnings(config.suppress)) runner.warning(warning, { title: 'bedrock-denied-scan: suppression expired' });
    await assertWritable(config.reportPath, 'report-path', 'the report');
    if (config.updateBaseline && config.baseline) await assertWritable(config.baseline.path, 'baseline', 'the baseline');
    let detection: DetectionResult;
    let totals: ScanTotals;
    let sourceDescriptions: SourceDescription[];
    if (config.engine !== 'runner') {
      // Loaded only now: the Athena and CloudTrail clients are not paid for by runner-engine scans.
      const engines = await import('./engines/index.js');
      const scanned = await engines.runEngine(config, selection, (message) => runner.warning(message));
      ({ detection, totals } = scanned);
      sourceDescriptions = scanned.sources;
    } else {
      const sources = await createSources(config, { since: selection.since, until: selection.until });
      const detector = new DeniedInvocations(selection);
      totals = emptyScanTotals();
      const scanEnded = hooks.scanning?.({ sources, records: () => totals.records, matched: () => detector.matchedSoFar });
      await scanSources(sources, {
        concurrency: config.concurrency,
        workers: config.workers,
        prefilter: prefilterMarkers(selection),
        detector,
        totals
      }).finally(() => scanEnded?.());
      detection = detector.result();
      sourceDescriptions = sources.map((s) => s.describe());
    }
    const allReasons = config.countDenyReasons.length === DENY_REASONS.length;
    const scope = { countDenyReasons: config.countDenyReasons, baseline: config.baseline?.known };
    const threshold = {
      value: config.threshold,
      by: config.thresholdBy,
      ...(allReasons ? {} : { countDenyReasons: config.countDenyReasons }),
      ...(config.baseline ? { baselineOnly: true } : {}),
      ...evaluateThreshold(detection, config.threshold, config.thresholdBy, scope)
    };
    const report = buildReport({
      baseline: config.baseline ? { path: config.baseline.input, known: config.baseline.known } : undefined,
      selection,
      sources: sourceDescriptions,
      totals,
      detection,
      threshold,
      durationMs: Date.now() - started,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      now: new Date()
    });

    let baselineFailure: string | undefined;
    if (config.updateBaseline && config.baseline) {
      const written = await updateBaselineFile(config.baseline, detection.fingerprints ?? []);
      if ('failure' in written) {
        baselineFailure = written.failure;
        runner.warning(written.failure, { title: 'bedrock-denied-scan: baseline not written' });
      } else {
        report.baseline!.updated = written.updated;
        runner.info(written.message);
      }
    }

    await writeReport(config.reportPath, report);
    hooks.reported?.(report, config.reportPath);
    await writeJobSummary(renderSummary(report, config.reportPath));
    summaryWritten = true;
    for (const [name, value] of Object.entries(stepOutputs(report, config.reportPath))) runner.setOutput(name, value);
    for (const failure of report.scan.filesFailed.slice(0, MAX_FILE_ANNOTATIONS)) {
      runner.warning(`Could not scan ${logSafe(failure.file, 300)}: ${logSafe(failure.error, 500)}`, { title: 'bedrock-denied-scan: file not scanned' });
    }
    runner.info(renderLog(report));

    // Loaded only now: the GitHub client (Octokit) is most of the bundle's start-up cost.
    const { publishVerdict } = await import('./publish/index.js');
    const published = await publishVerdict(config, report);
    if (Object.keys(published.outputs).length > 0) {
      await writeReport(config.reportPath, report); // now with the links the publish stage added
      await writeJobSummary(renderSummary(report, config.reportPath));
      for (const [name, value] of Object.entries(published.outputs)) runner.setOutput(name, value);
    }

    const verdict = decideVerdict({
      exceeded: threshold.exceeded,
      failOnThreshold: config.failOnThreshold,
      observed: threshold.observed,
      threshold: config.threshold,
      by: config.thresholdBy,
      failedFiles: report.scan.filesFailed.length,
      allowIncomplete: config.allowIncomplete,
      publishFailure: published.failure ?? baselineFailure
    });
    if (verdict.exitCode !== 0) runner.setFailed(verdict.message);
    process.exitCode = verdict.exitCode;
    return verdict.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof ConfigError ? 'configuration' : error instanceof EngineError ? 'query' : 'internal';
    const failure = kind === 'internal' ? `bedrock-denied-scan failed: ${message}` : message;
    runner.setFailed(failure);
    if (kind === 'internal' && error instanceof Error && error.stack) runner.debug(error.stack);
    if (!summaryWritten) await writeJobSummary(renderStoppedSummary(failure, kind)).catch(() => undefined);
    process.exitCode = EXIT_INCOMPLETE;
    return EXIT_INCOMPLETE;
  }
}
