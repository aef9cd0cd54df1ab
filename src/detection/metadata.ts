/** The Splunk ESCU detection this action ports, carried into every report, summary and issue. */
export const DETECTION = {
  id: 'c53a8e62-f741-11ee-9f6e-acde48001122',
  name: 'AWS Bedrock Invoke Model Access Denied',
  version: 1,
  mitreAttack: ['T1078', 'T1550'],
  search:
    '`cloudtrail` eventSource=bedrock.amazonaws.com eventName=InvokeModel errorCode=AccessDenied | rename user_name as user | stats count min(_time) as firstTime max(_time) as lastTime values(requestParameters.modelId) as modelIds by src user user_agent vendor_account vendor_product dest signature vendor_region result result_id',
  riskMessage: 'User $user$ access denied when attempting to invoke AWS Bedrock models from $src$',
  knownFalsePositives:
    'Legitimate users may encounter access denied errors when permissions are being adjusted, when testing model access after a policy change, or when an application is misconfigured. Investigate repeated denials, denials from unfamiliar users, source IPs or user agents, and denials across many models, which can indicate stolen credentials probing for model access (LLMjacking).',
  references: [
    'https://research.splunk.com/cloud/c53a8e62-f741-11ee-9f6e-acde48001122/',
    'https://docs.aws.amazon.com/bedrock/latest/userguide/logging-using-cloudtrail.html',
    'https://attack.mitre.org/techniques/T1078/',
    'https://attack.mitre.org/techniques/T1550/'
  ]
} as const;

/** Splunk's selection, as defaults of the `event-sources`, `event-names` and `error-codes` inputs. */
export const DEFAULT_SELECTION = {
  eventSources: ['bedrock.amazonaws.com'],
  eventNames: ['InvokeModel'],
  errorCodes: ['AccessDenied']
} as const;

/** Bedrock sources whose denied invoke calls are counted as near misses when the selection leaves them out. */
export const BEDROCK_RUNTIME_SOURCES = ['bedrock.amazonaws.com', 'bedrock-mantle.amazonaws.com'];
/** Invoke-family event names: a denied Converse is authorised as bedrock:InvokeModel but logged as Converse. */
export const INVOKE_EVENT_NAMES = ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream'];
/** CloudTrail writes AccessDenied; AccessDeniedException is the SDK's name and shows up in some exports. */
export const DENIED_ERROR_CODES = ['AccessDenied', 'AccessDeniedException'];

/** ATT&CK techniques we know and may link to; ids not listed here are shown as plain text. */
export const MITRE_TECHNIQUES: Readonly<Record<string, string>> = {
  T1078: 'Valid Accounts',
  'T1078.004': 'Valid Accounts: Cloud Accounts',
  T1550: 'Use Alternate Authentication Material',
  'T1550.001': 'Use Alternate Authentication Material: Application Access Token',
  T1580: 'Cloud Infrastructure Discovery',
  'T1087.004': 'Account Discovery: Cloud Account'
};

/** The technique's page on attack.mitre.org, only for ids we know. */
export function mitreTechniqueUrl(id: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(MITRE_TECHNIQUES, id)) return null;
  const [technique, sub] = id.split('.');
  return `https://attack.mitre.org/techniques/${technique}/${sub ? `${sub}/` : ''}`;
}
