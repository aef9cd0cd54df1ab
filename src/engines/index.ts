/**
 * Engines that run the detection where the logs live (Athena, CloudTrail Lake) instead of reading them here.
 * An engine replaces sources → decode → detection and yields the same DetectionResult; everything after it
 * (threshold, report, summary, issue, exit codes) is unchanged. Loaded by main.ts with import() only when used.
 */
import type { ActionConfig } from '../config.js';
import type { Selection } from '../detection/types.js';
import { emptyScanTotals, type ScanTotals } from '../scan.js';
import type { SourceDescription } from '../sources/types.js';
import type { DetectionResult } from '../detection/types.js';
import type { EngineDetails } from './lifecycle.js';
import { runAthena } from './athena.js';
import { runLake } from './cloudtrail-lake.js';

export interface EngineScan {
  detection: DetectionResult;
  sources: SourceDescription[];
  totals: ScanTotals;
}

export async function runEngine(config: ActionConfig, selection: Selection, warn: (message: string) => void = () => undefined): Promise<EngineScan> {
  const common = {
    selection,
    accounts: config.accounts,
    regions: config.regions,
    region: config.awsRegion || undefined,
    queryTimeoutMs: config.queryTimeoutMs,
    maxScanBytes: config.maxScanBytes
  };
  let run;
  if (config.engine === 'athena') {
    run = await runAthena({
      ...common,
      table: config.athenaTable,
      workgroup: config.athenaWorkgroup,
      outputLocation: config.athenaOutputLocation,
      partitions: config.athenaPartitionColumns,
      endpoint: config.athenaEndpoint,
      warn
    });
  } else {
    run = await runLake({ ...common, eventDataStore: config.eventDataStore, endpoint: config.cloudtrailEndpoint });
  }
  const details = run.source.details as EngineDetails;
  const totals = emptyScanTotals();
  // What the engine read, in the report's terms: bytes scanned (compressed, as billed); files and records are the engine's business.
  totals.bytes = details.dataScannedBytes;
  return { detection: run.detection, sources: [run.source], totals };
}
