import * as core from '@actions/core';
import { readConfig, type ActionConfig } from './config.js';
import { DeniedInvocations } from './detection/denied-invocations.js';
import type { Selection } from './detection/types.js';
import { resolveWindow } from './detection/window.js';
import { buildReport } from './report/json-report.js';
import { renderLog } from './report/log.js';
import { stepOutputs } from './report/outputs.js';
import { renderSummary } from './report/summary.js';
import { scanSources } from './scan.js';
import { createSources, isS3Source } from './sources/index.js';
import { ConfigError } from './errors.js';
import { publishVerdict } from './publish/index.js';
import { writeReport } from './publish/report-file.js';
import { decideVerdict, evaluateThreshold, EXIT_INCOMPLETE } from './verdict/threshold.js';

/** At most 10 warning annotations show per step; the rest are in the summary and report. */
const MAX_FILE_ANNOTATIONS = 10;

function selectionOf(config: ActionConfig): Selection {
  const window = resolveWindow(config.since, config.until, Date.now(), config.sources.some(isS3Source));
  const { eventSources, eventNames, errorCodes, splunkParity, suppress } = config;
  return { eventSources, eventNames, errorCodes, splunkParity, suppress, ...window };
}

/** Wires sources → decode → detection → report → verdict. Returns the exit code it also sets. */
export async function run(): Promise<number> {
  const started = Date.now();
  try {
    const config = readConfig((name) => core.getInput(name));
    const selection = selectionOf(config);
    const sources = createSources(config, { since: selection.since, until: selection.until });
    const detector = new DeniedInvocations(selection);
    const totals = await scanSources(sources, { concurrency: config.concurrency, onRecord: (record) => detector.observe(record) });
    const detection = detector.result();
    const threshold = { value: config.threshold, by: config.thresholdBy, ...evaluateThreshold(detection, config.threshold, config.thresholdBy) };
    const report = buildReport({
      selection,
      sources: sources.map((s) => s.describe()),
      totals,
      detection,
      threshold,
      durationMs: Date.now() - started,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      now: new Date()
    });
    await writeReport(config.reportPath, report);

    for (const failure of report.scan.filesFailed.slice(0, MAX_FILE_ANNOTATIONS)) {
      core.warning(`Could not scan ${failure.file}: ${failure.error}`, { title: 'bedrock-denied-scan: file not scanned' });
    }
    const published = await publishVerdict(config, report);
    await writeReport(config.reportPath, report); // again, now with the links the verdict stage added

    core.info(renderLog(report));
    await core.summary.addRaw(renderSummary(report, config.reportPath)).write();
    for (const [name, value] of Object.entries({ ...stepOutputs(report, config.reportPath), ...published.outputs })) core.setOutput(name, value);

    const verdict = decideVerdict({
      exceeded: threshold.exceeded,
      failOnThreshold: config.failOnThreshold,
      observed: threshold.observed,
      threshold: config.threshold,
      by: config.thresholdBy,
      failedFiles: report.scan.filesFailed.length,
      allowIncomplete: config.allowIncomplete,
      publishFailure: published.failure
    });
    if (verdict.exitCode !== 0) core.setFailed(verdict.message);
    process.exitCode = verdict.exitCode;
    return verdict.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    core.setFailed(error instanceof ConfigError ? message : `bedrock-denied-scan failed: ${message}`);
    if (!(error instanceof ConfigError) && error instanceof Error && error.stack) core.debug(error.stack);
    process.exitCode = EXIT_INCOMPLETE;
    return EXIT_INCOMPLETE;
  }
}
