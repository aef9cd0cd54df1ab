/**
 * Who it really is and what they tried next, per Splunk `user`: identity types, credential kinds, access keys,
 * role session names, MFA, source addresses; Bedrock reconnaissance calls and successful invokes in the same
 * window. Kept as order-independent facts (sets, counts, earliest denial, latest success per model) so partials
 * from worker threads merge exactly; "succeeded after denial" is decided at result time, after the merge.
 */
import { isIP } from 'node:net';
import type { CloudTrailRecord } from '../decode/types.js';
import { modelIdOf, scalarText } from './fields.js';
import { addFew, fewValues, sortTexts, Texts, type Few } from './intern.js';

/** Bedrock control-plane calls that enumerate or unlock models: the reconnaissance LLMjacking starts with. */
export const RECON_EVENT_NAMES = [
  'ListFoundationModels',
  'GetFoundationModelAvailability',
  'GetFoundationModel',
  'ListInferenceProfiles',
  'GetModelInvocationLoggingConfiguration',
  'PutUseCaseForModelAccess',
  'ListCustomModels'
] as const;
/** Invoke-family calls whose success after a denial matters most. */
export const SUCCESS_EVENT_NAMES = ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream'] as const;

const RECON = new Map(RECON_EVENT_NAMES.map((n) => [n.toLowerCase(), n]));
const SUCCESS = new Set(SUCCESS_EVENT_NAMES.map((n) => n.toLowerCase()));

/**
 * The lower-cased eventName of a Bedrock call the per-user context counts (a reconnaissance call, or an invoke
 * that may have succeeded), else undefined: checked before anything else is read from the record.
 */
export function trackedCallName(record: CloudTrailRecord): string | undefined {
  const name = typeof record.eventName === 'string' ? record.eventName.toLowerCase() : undefined;
  return name !== undefined && (RECON.has(name) || SUCCESS.has(name)) ? name : undefined;
}

export type CredentialKind = 'long-term-key' | 'temporary' | 'console' | 'api-key' | 'unknown';
export type AddressKind = 'private' | 'aws-internal' | 'public' | 'unknown';

function objectAt(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The kind of credential that signed the call: a Bedrock API key (bearer token: additionalEventData.callWithBearerToken,
 * or the BedrockAPIKey_ service-specific user), a console session (userIdentity.sessionCredentialFromConsole), a
 * long-term access key (AKIA…), temporary credentials (ASIA…), else unknown.
 */
export function credentialKindOf(record: CloudTrailRecord): CredentialKind {
  const identity = objectAt(record.userIdentity);
  const extra = objectAt(record.additionalEventData);
  const bearer = extra?.callWithBearerToken;
  const userName = typeof identity?.userName === 'string' ? identity.userName : '';
  if (bearer === true || bearer === 'true' || userName.startsWith('BedrockAPIKey')) return 'api-key';
  const console = identity?.sessionCredentialFromConsole;
  if (console === true || console === 'true') return 'console';
  const key = typeof identity?.accessKeyId === 'string' ? identity.accessKeyId : '';
  if (key.startsWith('AKIA')) return 'long-term-key';
  if (key.startsWith('ASIA')) return 'temporary';
  return 'unknown';
}

const PRIVATE_V4: [number, number][] = [
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0x64400000, 10], // 100.64/10 (carrier-grade NAT)
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16] // link-local
];

/** private (RFC 1918, CGNAT, loopback, link-local, IPv6 ULA/link-local), aws-internal (`AWS Internal` or an AWS service name), public, else unknown. */
export function addressKindOf(src: string): AddressKind {
  const lower = src.toLowerCase();
  if (lower === 'aws internal' || /^[a-z0-9.-]+\.amazonaws\.com$/.test(lower)) return 'aws-internal';
  const version = isIP(src);
  if (version === 4) {
    const n = src.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    return PRIVATE_V4.some(([net, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(net / 2 ** (32 - bits))) ? 'private' : 'public';
  }
  if (version === 6) {
    if (lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower)) return 'private';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    return mapped ? addressKindOf(mapped[1]!) : 'public';
  }
  return 'unknown';
}

/** One user's facts as plain data (structured-cloneable). */
export interface UserFacts {
  identityTypes: string[];
  credentialKinds: CredentialKind[];
  accessKeyIds: string[];
  sessionNames: string[];
  mfa: string[];
  sources: string[];
  regions: string[];
  /** Earliest counted denial (ms), null when none had a time. */
  firstDenial: number | null;
  denials: number;
  recon: Record<string, number>;
  /** Successful invokes per model id ('' for none): count and latest time. */
  successes: Record<string, { count: number; last: number | null }>;
  /** Counted denials per UTC hour (hour index = floor(ms / 3,600,000)); denials without a time are not in it. */
  hours: [hour: number, count: number][];
}

/**
 * One user's facts while scanning. Most users have one identity type, key, address and region, and no recon
 * or successes: sets hold a lone value without a Set (Few), maps are made on first use, texts are kept once.
 */
interface Facts {
  identityTypes: Few<string>;
  credentialKinds: Few<CredentialKind>;
  accessKeyIds: Few<string>;
  sessionNames: Few<string>;
  mfa: Few<string>;
  sources: Few<string>;
  regions: Few<string>;
  firstDenial: number | null;
  denials: number;
  recon: Map<string, number> | undefined;
  successes: Map<string, { count: number; last: number | null }> | undefined;
  hours: Map<number, number> | undefined;
}

const emptyFacts = (): Facts => ({
  identityTypes: undefined,
  credentialKinds: undefined,
  accessKeyIds: undefined,
  sessionNames: undefined,
  mfa: undefined,
  sources: undefined,
  regions: undefined,
  firstDenial: null,
  denials: 0,
  recon: undefined,
  successes: undefined,
  hours: undefined
});

/** What the report says about one user with findings. */
export interface UserContext {
  user: string | null;
  denied: number;
  identityTypes: string[];
  credentialKinds: CredentialKind[];
  accessKeyIds: string[];
  /** Role session names behind an assumed role (usually the human or workload). */
  roleSessionNames: string[];
  /** mfaAuthenticated values seen (`true`, `false`). */
  mfaAuthenticated: string[];
  sourceIps: { address: string; kind: AddressKind }[];
  /** The CloudTrail console's event history filtered to each access key (at most 5). */
  eventHistoryLinks: { accessKeyId: string; url: string }[];
  /** Bedrock reconnaissance calls in the window, per event name (only names seen). */
  recon: Record<string, number>;
  /** Models this user invoked successfully after their first denial (latest success after it), most recent first. */
  succeededAfterDenial: { modelId: string | null; count: number; lastTime: string }[];
}

/** Values shown per list at most; the sets are kept whole while scanning so partials merge exactly. */
const MAX_VALUES = 50;
/** A Few's values in code-unit order, at most MAX_VALUES of them. */
function sorted<T extends string>(few: Few<T>): T[] {
  const values = sortTexts(fewValues(few));
  if (values.length > MAX_VALUES) values.length = MAX_VALUES;
  return values;
}
const ACCESS_KEY = /^[A-Z0-9]{16,128}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The CloudTrail console's event history filtered to one access key, or null for a malformed key or region. */
export function eventHistoryUrl(accessKeyId: string, region: string | undefined): string | null {
  if (!ACCESS_KEY.test(accessKeyId)) return null;
  const r = region !== undefined && REGION.test(region) ? region : 'us-east-1';
  return `https://${r}.console.aws.amazon.com/cloudtrailv2/home?region=${r}#/events?AccessKeyId=${accessKeyId}`;
}

export const HOUR_MS = 3_600_000;

/** One user's counted denials per UTC hour, for the charts (hours ascending). */
export interface UserHours {
  user: string | null;
  /** Counted denials without a readable eventTime (in no hour). */
  untimed: number;
  hours: [hour: number, count: number][];
}

const userKey = (user: string | null): string => (user === null ? '\u0000null' : user);

export class UserActivityFacts {
  private readonly users = new Map<string, Facts>();

  /** `texts` keeps each kept value once (the detector shares its own). */
  constructor(private readonly texts: Texts = new Texts()) {}

  private facts(user: string | null): Facts {
    const key = userKey(user);
    let f = this.users.get(key);
    if (!f) {
      f = emptyFacts();
      this.users.set(this.texts.text(key), f);
    }
    return f;
  }

  /** A counted denial (after suppression and parity): who signed it and from where. */
  denied(record: CloudTrailRecord, user: string | null, src: string | null, time: number | null): void {
    const f = this.facts(user);
    const t = this.texts;
    f.denials++;
    if (time !== null && (f.firstDenial === null || time < f.firstDenial)) f.firstDenial = time;
    if (time !== null) {
      const hour = Math.floor(time / HOUR_MS);
      f.hours ??= new Map();
      f.hours.set(hour, (f.hours.get(hour) ?? 0) + 1);
    }
    const identity = objectAt(record.userIdentity);
    const type = scalarText(identity?.type);
    if (type) f.identityTypes = addFew(f.identityTypes, t.text(type));
    f.credentialKinds = addFew(f.credentialKinds, credentialKindOf(record));
    const key = scalarText(identity?.accessKeyId);
    if (key) f.accessKeyIds = addFew(f.accessKeyIds, t.text(key));
    const session = objectAt(identity?.sessionContext);
    const mfa = scalarText(objectAt(session?.attributes)?.mfaAuthenticated);
    if (mfa) f.mfa = addFew(f.mfa, t.text(mfa.toLowerCase()));
    const arn = scalarText(identity?.arn);
    if (type === 'AssumedRole' && arn) {
      const name = arn.slice(arn.lastIndexOf('/') + 1);
      if (name && arn.includes(':assumed-role/')) f.sessionNames = addFew(f.sessionNames, t.text(name));
    }
    if (src) f.sources = addFew(f.sources, t.text(src));
    const region = scalarText(record.awsRegion);
    if (region) f.regions = addFew(f.regions, t.text(region));
  }

  /**
   * Any other bedrock.amazonaws.com record in the window whose trackedCallName() is `name`: a reconnaissance call
   * (whatever its outcome), or a successful invoke.
   */
  bedrockCall(record: CloudTrailRecord, name: string, user: string | null, time: number | null): void {
    const recon = RECON.get(name);
    if (recon !== undefined) {
      const f = this.facts(user);
      f.recon ??= new Map();
      f.recon.set(recon, (f.recon.get(recon) ?? 0) + 1);
      return;
    }
    if (!SUCCESS.has(name) || (record.errorCode !== undefined && record.errorCode !== null && record.errorCode !== '')) return;
    const f = this.facts(user);
    const model = modelIdOf(record) ?? '';
    f.successes ??= new Map();
    const s = f.successes.get(model);
    if (!s) f.successes.set(this.texts.text(model), { count: 1, last: time });
    else {
      s.count++;
      if (time !== null && (s.last === null || time > s.last)) s.last = time;
    }
  }

  partial(): [key: string, facts: UserFacts][] {
    return [...this.users].map(([key, f]) => [
      key,
      {
        identityTypes: fewValues(f.identityTypes),
        credentialKinds: fewValues(f.credentialKinds),
        accessKeyIds: fewValues(f.accessKeyIds),
        sessionNames: fewValues(f.sessionNames),
        mfa: fewValues(f.mfa),
        sources: fewValues(f.sources),
        regions: fewValues(f.regions),
        firstDenial: f.firstDenial,
        denials: f.denials,
        recon: Object.fromEntries(f.recon ?? []),
        successes: Object.fromEntries(f.successes ?? []),
        hours: [...(f.hours ?? [])]
      }
    ]);
  }

  merge(partial: [key: string, facts: UserFacts][]): void {
    for (const [key, p] of partial) {
      let f = this.users.get(key);
      if (!f) {
        f = emptyFacts();
        this.users.set(this.texts.text(key), f);
      }
      const text = (v: string) => this.texts.text(v);
      for (const v of p.identityTypes) f.identityTypes = addFew(f.identityTypes, text(v));
      for (const v of p.credentialKinds) f.credentialKinds = addFew(f.credentialKinds, v);
      for (const v of p.accessKeyIds) f.accessKeyIds = addFew(f.accessKeyIds, text(v));
      for (const v of p.sessionNames) f.sessionNames = addFew(f.sessionNames, text(v));
      for (const v of p.mfa) f.mfa = addFew(f.mfa, text(v));
      for (const v of p.sources) f.sources = addFew(f.sources, text(v));
      for (const v of p.regions) f.regions = addFew(f.regions, text(v));
      if (p.firstDenial !== null && (f.firstDenial === null || p.firstDenial < f.firstDenial)) f.firstDenial = p.firstDenial;
      f.denials += p.denials;
      for (const [name, n] of Object.entries(p.recon)) {
        f.recon ??= new Map();
        f.recon.set(name, (f.recon.get(name) ?? 0) + n);
      }
      for (const [hour, n] of p.hours) {
        f.hours ??= new Map();
        f.hours.set(hour, (f.hours.get(hour) ?? 0) + n);
      }
      for (const [model, s] of Object.entries(p.successes)) {
        f.successes ??= new Map();
        const t = f.successes.get(model);
        if (!t) f.successes.set(text(model), { count: s.count, last: s.last });
        else {
          t.count += s.count;
          if (s.last !== null && (t.last === null || s.last > t.last)) t.last = s.last;
        }
      }
    }
  }

  /** Per user with counted denials, by user: denials per UTC hour (exact after any merge: counts add per hour). */
  hourly(): UserHours[] {
    const out: UserHours[] = [];
    for (const [key, f] of this.users) {
      if (f.denials === 0) continue;
      const hours = [...(f.hours ?? [])];
      if (hours.length > 16) hours.sort((a, b) => a[0] - b[0]);
      else {
        // Most users have a few hours: an insertion sort spares Array#sort's set-up (about 1 KB a call).
        for (let i = 1; i < hours.length; i++) {
          const entry = hours[i]!;
          let j = i - 1;
          for (; j >= 0 && hours[j]![0] > entry[0]; j--) hours[j + 1] = hours[j]!;
          hours[j + 1] = entry;
        }
      }
      const timed = hours.reduce((n, [, c]) => n + c, 0);
      out.push({ user: key === '\u0000null' ? null : key, untimed: f.denials - timed, hours });
    }
    // By user (code-unit order, null last), so the result does not depend on which worker saw a user first.
    return out.sort((a, b) => (a.user === b.user ? 0 : a.user === null ? 1 : b.user === null ? -1 : a.user < b.user ? -1 : 1));
  }

  /**
   * One entry per user with counted denials: users who invoked a model successfully after their first denial
   * first, then by denied calls, then by name. A success counts as after the denial when the latest success of
   * that model is later than the earliest denial (both within the window).
   */
  result(): UserContext[] {
    const out: UserContext[] = [];
    for (const [key, f] of this.users) {
      if (f.denials === 0) continue;
      const region = sorted(f.regions)[0];
      const keys = sorted(f.accessKeyIds);
      const after = [...(f.successes ?? [])]
        .filter(([, s]) => f.firstDenial !== null && s.last !== null && s.last > f.firstDenial)
        .map(([model, s]) => ({ modelId: model === '' ? null : model, count: s.count, lastTime: new Date(s.last!).toISOString().slice(0, 19) }))
        .sort((a, b) => (a.lastTime < b.lastTime ? 1 : a.lastTime > b.lastTime ? -1 : (a.modelId ?? '') < (b.modelId ?? '') ? -1 : 1));
      out.push({
        user: key === '\u0000null' ? null : key,
        denied: f.denials,
        identityTypes: sorted(f.identityTypes),
        credentialKinds: sorted(f.credentialKinds),
        accessKeyIds: keys,
        roleSessionNames: sorted(f.sessionNames),
        mfaAuthenticated: sorted(f.mfa),
        sourceIps: sorted(f.sources).map((address) => ({ address, kind: addressKindOf(address) })),
        eventHistoryLinks: keys
          .map((k) => ({ accessKeyId: k, url: eventHistoryUrl(k, region) }))
          .filter((l): l is { accessKeyId: string; url: string } => l.url !== null)
          .slice(0, 5),
        recon: Object.fromEntries([...(f.recon ?? [])].sort(([a], [b]) => (a < b ? -1 : 1))),
        succeededAfterDenial: after
      });
    }
    return out.sort(
      (a, b) =>
        Number(b.succeededAfterDenial.length > 0) - Number(a.succeededAfterDenial.length > 0) ||
        b.denied - a.denied ||
        ((a.user ?? '') < (b.user ?? '') ? -1 : (a.user ?? '') > (b.user ?? '') ? 1 : 0)
    );
  }
}
