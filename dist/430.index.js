export const id = 430;
export const ids = [430];
export const modules = {

/***/ 83430:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseSuppressionsFile: () => (/* binding */ parseSuppressionsFile)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _deny_reason_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(50902);
/* harmony import */ var _suppress_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83968);
/**
 * The `suppressions-file` input: a YAML file of owned, reasoned, expiring suppression rules, reviewed like code.
 *
 * ```yaml
 * suppressions:
 *   - match: { user: ci-deployer, src: 10.20.0.0/16 }   # all conditions must hold
 *     reason: deploy pipeline probes model access after each rollout
 *     owner: platform-team
 *     expires: 2027-03-31                               # optional: last day it suppresses
 * ```
 * Pure: parses text into rules (no I/O), so it is tested on strings. Every error names the file and line.
 */




const RULE_KEYS = ['match', 'reason', 'owner', 'expires'];
/** `field=value` as the inline `suppress` input writes it, quoting values with spaces or quotes. */
function conditionText(field, value) {
    return /[\s"\\]/.test(value) || value === '' ? `${field}="${value.replace(/["\\]/g, '\\$&')}"` : `${field}=${value}`;
}
/** The UTC day `YYYY-MM-DD` of `now`. */
const dayOf = (now) => now.toISOString().slice(0, 10);
/**
 * Parses a suppressions file. `name` is how errors and the report name it (the path as the input gave it);
 * `now` decides which rules have expired (a rule suppresses through its `expires` day, UTC).
 */
function parseSuppressionsFile(text, name, now) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const fail = (offset, message) => {
        const line = offset === undefined ? 1 : lines.linePos(offset).line;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .x(`Input 'suppressions-file': ${name} line ${line}: ${message}`);
    };
    const at = (node) => {
        const n = node;
        return n?.range?.[0] ?? n?.key?.range?.[0];
    };
    // failsafe: every scalar is a string, so account ids keep their leading zeros and dates stay as written.
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length > 0) {
        const error = doc.errors[0];
        fail(error.pos[0], `not valid YAML: ${error.message.split('\n')[0]}`);
    }
    const root = doc.contents;
    if (root === null || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(root) && (root.value === '' || root.value === null)))
        return [];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root))
        return fail(at(root), "expected a mapping with a 'suppressions' list");
    for (const pair of root.items) {
        const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
        if (key !== 'suppressions')
            fail(at(pair), `unknown key '${key}'; the file has one key, 'suppressions'`);
    }
    const list = root.get('suppressions', true);
    if (list === undefined || list === null || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(list) && (list.value === '' || list.value === null)))
        return [];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(list))
        return fail(at(list), "'suppressions' must be a list of rules");
    const today = dayOf(now);
    const rules = [];
    for (const item of list.items) {
        const start = at(item);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(item))
            fail(start, 'each rule must be a mapping with match, reason and owner');
        const entry = item;
        const values = {};
        let match;
        for (const pair of entry.items) {
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
            if (!RULE_KEYS.includes(key))
                fail(at(pair), `unknown key '${key}' in a rule; use ${RULE_KEYS.join(', ')}`);
            if (key === 'match') {
                if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(pair.value))
                    fail(at(pair), "'match' must be a mapping of field: value");
                match = pair.value;
            }
            else {
                if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.value))
                    fail(at(pair), `'${key}' must be text`);
                values[key] = String(pair.value.value ?? '').trim();
            }
        }
        if (match === undefined || match.items.length === 0)
            fail(start, "a rule needs 'match' with at least one field");
        for (const key of ['reason', 'owner'])
            if (!values[key])
                fail(start, `a rule needs a non-empty '${key}'`);
        let expires = null;
        if (values.expires !== undefined && values.expires !== '') {
            expires = values.expires;
            const valid = /^\d{4}-\d{2}-\d{2}$/.test(expires) && new Date(`${expires}T00:00:00Z`).toISOString().slice(0, 10) === expires;
            if (!valid)
                fail(start, `'expires' must be a date YYYY-MM-DD, got '${expires}'`);
        }
        const conditions = [];
        const texts = [];
        for (const pair of match.items) {
            const field = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
            if (!_suppress_js__WEBPACK_IMPORTED_MODULE_1__/* .SUPPRESSIBLE_FIELDS */ .cK.includes(field))
                fail(at(pair), `unknown field '${field}'; use one of ${_suppress_js__WEBPACK_IMPORTED_MODULE_1__/* .SUPPRESSIBLE_FIELDS */ .cK.join(', ')}`);
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.value))
                fail(at(pair), `the value of '${field}' must be text`);
            const value = String(pair.value.value ?? '');
            if (field === 'deny_reason' && !value.includes('*') && !_deny_reason_js__WEBPACK_IMPORTED_MODULE_3__/* .DENY_REASONS */ .dk.includes(value.toLowerCase())) {
                fail(at(pair), `unknown deny_reason '${value}'; use one of ${_deny_reason_js__WEBPACK_IMPORTED_MODULE_3__/* .DENY_REASONS */ .dk.join(', ')}`);
            }
            try {
                conditions.push({ field: field, pattern: (0,_suppress_js__WEBPACK_IMPORTED_MODULE_1__/* .patternFor */ .uG)(field, value) });
            }
            catch (error) {
                fail(at(pair), error.message);
            }
            texts.push(conditionText(field, value));
        }
        const line = start === undefined ? 1 : lines.linePos(start).line;
        rules.push({
            text: texts.join(' '),
            conditions,
            ownership: { reason: values.reason, owner: values.owner, expires, expired: expires !== null && expires < today, location: `${name}:${line}` }
        });
    }
    return rules;
}


/***/ })

};
