/**
 * Everything that writes to GitHub's API, as one module the publish stage loads only when an issue or a PR
 * comment will be written (one chunk in the bundle, rather than a copy of the client per importer).
 */
export { githubClient, httpTimeoutMs } from './github.js';
export { publishIssue } from './issue.js';
export { publishPrComment } from './pr-comment.js';
