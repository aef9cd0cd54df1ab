import * as runner from '../workflow-commands.js';

/**
 * Replaces this step's job summary. Written once before any call to GitHub and again when the links are known,
 * so a run killed while publishing still shows its findings. Outside a runner (no GITHUB_STEP_SUMMARY) it does nothing.
 */
export async function writeJobSummary(text: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  await runner.writeStepSummary(text);
}
