// The hot loop of RecordScanner (record-scanner.ts), compiled to WebAssembly with 128-bit SIMD.
//
// It is a faithful port of the JS byte loop for the common states and hands everything else back: scan()
// stops *before* any byte whose handling needs the JS side (errors, envelope and top-level array edges, keys
// that could be Records/Events/events/digestStartTime, `[` after a depth-1 key, a backslash at the end of the
// chunk, a key split across chunks) and JS runs its own loop for that byte, so errors and edge cases stay
// exactly as the JS scanner reports them. Record edges it handles itself are queued as events, which JS
// replays in order (beginItem/endItem) when scan() returns.
//
// The speed comes from not visiting bytes one by one: inside a record (below the depths where records begin and
// keys are tracked) 64-byte blocks are classified at once (quotes, brackets, markers' first bytes; strings by a
// prefix XOR of the quotes, as simdjson does); elsewhere string contents are compared 16 bytes at a time against
// the quote, the backslash and (until the current record has one) the first bytes of the prefilter's markers.
//
// Build: npm run build:kernel (clang --target=wasm32 -msimd128), which regenerates record-scanner-kernel.wasm.ts.
#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
#define MAX_DEPTH 4096
#define EVENT_CAP 16384
#define MAX_MARKERS 32
#define MAX_MARKER_BYTES 4096
#define MAX_VECTOR_BYTES 6

enum { MODE_BETWEEN = 0, MODE_WHOLE_OBJECT = 1, MODE_ENVELOPE = 2, MODE_ENVELOPE_DONE = 3, MODE_TOP_ARRAY = 4 };
enum { EV_ITEM_BEGIN = 0, EV_ITEM_END = 1, EV_TOP_BEGIN = 2, EV_TOP_END = 3 };

// State shared with JS (read and written through the exported addresses).
uint8_t stack[MAX_DEPTH + 1];
int32_t state[10];
enum { S_DEPTH, S_IN_STRING, S_MARKER, S_MODE, S_ITEM_DEPTH, S_EXPECT_KEY, S_IN_ITEM, S_KEY_CLEARED, S_EVENTS, S_LAST_KEY };
// Events: (position << 3 | marker << 2 | type)
uint32_t events[EVENT_CAP];

// The prefilter: markers (lower-case bytes), and per byte which markers may start there.
uint32_t marker_starts[256];
int32_t marker_offset[MAX_MARKERS];
int32_t marker_length[MAX_MARKERS];
uint8_t marker_bytes[MAX_MARKER_BYTES];
// Bytes to look for inside strings besides quote and backslash (the markers' first bytes), when few enough.
uint8_t vector_bytes[MAX_VECTOR_BYTES];
int32_t vector_count;  // -1: too many distinct first bytes, strings are walked byte by byte

static uint8_t whitespace[256] = {[0x20] = 1, [0x09] = 1, [0x0a] = 1, [0x0d] = 1};

// The chunk being scanned starts at the address input() returns; JS grows memory to fit.
extern unsigned char __heap_base;
EXPORT(input) uint8_t *input(void) { return &__heap_base; }
EXPORT(stack_address) uint8_t *stack_address(void) { return stack; }
EXPORT(state_address) int32_t *state_address(void) { return state; }
EXPORT(events_address) uint32_t *events_address(void) { return events; }
EXPORT(marker_starts_address) uint32_t *marker_starts_address(void) { return marker_starts; }
EXPORT(marker_offset_address) int32_t *marker_offset_address(void) { return marker_offset; }
EXPORT(marker_length_address) int32_t *marker_length_address(void) { return marker_length; }
EXPORT(marker_bytes_address) uint8_t *marker_bytes_address(void) { return marker_bytes; }
EXPORT(vector_bytes_address) uint8_t *vector_bytes_address(void) { return vector_bytes; }
EXPORT(set_vector_count) void set_vector_count(int32_t n) { vector_count = n; }

static inline int is_letter(uint8_t c) { return c >= 0x61 && c <= 0x7a; }

// markerAt() of prefilter.ts: a match, a Kelvin sign / U+0130 lead byte where the marker has k / i, or a
// match cut short by the end of the chunk.
static int marker_at(const uint8_t *chunk, int32_t i, int32_t n) {
  uint32_t set = marker_starts[chunk[i]];
  while (set != 0) {
    int m = __builtin_ctz(set);
    set &= set - 1;
    const uint8_t *marker = marker_bytes + marker_offset[m];
    int32_t length = marker_length[m];
    int32_t available = n - i < length ? n - i : length;
    int32_t k = 0;
    for (; k < available; k++) {
      uint8_t b = chunk[i + k];
      uint8_t want = marker[k];
      if (b == want) continue;
      if (is_letter(want) && (b | 0x20) == want) continue;
      if ((want == 0x6b && b == 0xe2) || (want == 0x69 && b == 0xc4)) return 1;
      break;
    }
    if (k == available) return 1;
  }
  return 0;
}

static int same(const uint8_t *a, const char *b, int32_t n) {
  for (int32_t k = 0; k < n; k++)
    if (a[k] != (uint8_t)b[k]) return 0;
  return 1;
}

// Whether a depth-1 key (no escapes) is one the JS side tracks.
static int tracked_key(const uint8_t *key, int32_t length) {
  if (length == 7) return same(key, "Records", 7);
  if (length == 6) return same(key, "Events", 6) || same(key, "events", 6);
  if (length == 15) return same(key, "digestStartTime", 15);
  return 0;
}

// The index of the next byte at or after i that is a quote, a backslash, or (when `markers`) a marker's first
// byte; n when none.
static inline int32_t next_special(const uint8_t *chunk, int32_t i, int32_t n, int markers) {
  const v128_t quote = wasm_i8x16_splat('"');
  const v128_t backslash = wasm_i8x16_splat('\\');
  if (!markers || vector_count == 0) {
    while (i + 16 <= n) {
      v128_t v = wasm_v128_load(chunk + i);
      v128_t hit = wasm_v128_or(wasm_i8x16_eq(v, quote), wasm_i8x16_eq(v, backslash));
      uint32_t bits = wasm_i8x16_bitmask(hit);
      if (bits != 0) return i + __builtin_ctz(bits);
      i += 16;
    }
    while (i < n && chunk[i] != '"' && chunk[i] != '\\') i++;
    return i;
  }
  if (vector_count > 0) {
    v128_t first[MAX_VECTOR_BYTES];
    int count = vector_count;
    for (int k = 0; k < count; k++) first[k] = wasm_i8x16_splat(vector_bytes[k]);
    while (i + 16 <= n) {
      v128_t v = wasm_v128_load(chunk + i);
      v128_t hit = wasm_v128_or(wasm_i8x16_eq(v, quote), wasm_i8x16_eq(v, backslash));
      for (int k = 0; k < count; k++) hit = wasm_v128_or(hit, wasm_i8x16_eq(v, first[k]));
      uint32_t bits = wasm_i8x16_bitmask(hit);
      if (bits != 0) return i + __builtin_ctz(bits);
      i += 16;
    }
  }
  while (i < n) {
    uint8_t c = chunk[i];
    if (c == '"' || c == '\\' || marker_starts[c] != 0) return i;
    i++;
  }
  return i;
}


static inline uint64_t mask64(v128_t a, v128_t b, v128_t c, v128_t d) {
  return (uint64_t)wasm_i8x16_bitmask(a) | ((uint64_t)wasm_i8x16_bitmask(b) << 16) | ((uint64_t)wasm_i8x16_bitmask(c) << 32) |
         ((uint64_t)wasm_i8x16_bitmask(d) << 48);
}

// Bit k set where byte k of the 64 loaded in v0..v3 equals `byte`.
#define EQ64(byte) mask64(wasm_i8x16_eq(v0, byte), wasm_i8x16_eq(v1, byte), wasm_i8x16_eq(v2, byte), wasm_i8x16_eq(v3, byte))

// Inside a record, 64 bytes at a time: strings are found by a prefix XOR of the quotes, and only brackets and
// markers' first bytes (until the record has one) are visited; at depth 1 of a top-level object, the stretch
// between two of them is taken whole and only its keys that could be tracked are read. Blocks with a backslash are left to the byte loop. Returns where it stopped: at a byte the byte loop
// must handle (*stopped: the record's end, a key it tracks, an error), or at a block it can't take whole.
// `floor` is the depth it must not close down to; depth 1 is visited only with `top_keys` (see scan()).
struct block_state {
  int32_t depth;
  int in_string, marker, expect_key, stopped;
};

static inline __attribute__((always_inline)) int32_t scan_blocks_with(const uint8_t *chunk, int32_t i, int32_t n, struct block_state *st, int mode, int32_t floor, const int top_keys) {
  int32_t depth = st->depth;
  int in_string = st->in_string, marker = st->marker, expect_key = st->expect_key;
  const v128_t quote = wasm_i8x16_splat('"');
  const v128_t backslash = wasm_i8x16_splat('\\');
  const v128_t comma = wasm_i8x16_splat(',');
  const v128_t open_curly = wasm_i8x16_splat('{');
  const v128_t close_curly = wasm_i8x16_splat('}');
  const v128_t lower = wasm_i8x16_splat(0x20);
  int count = vector_count;
  st->stopped = 0;
  while (i + 64 <= n) {
    const uint8_t *p = chunk + i;
    v128_t v0 = wasm_v128_load(p), v1 = wasm_v128_load(p + 16), v2 = wasm_v128_load(p + 32), v3 = wasm_v128_load(p + 48);
    if (EQ64(backslash) != 0) break;
    if (!marker && count < 0) break;
    uint64_t quotes = EQ64(quote);
    // '[' | 0x20 == '{' and ']' | 0x20 == '}'; no other byte maps there.
    v128_t l0 = wasm_v128_or(v0, lower), l1 = wasm_v128_or(v1, lower), l2 = wasm_v128_or(v2, lower), l3 = wasm_v128_or(v3, lower);
    uint64_t opens = mask64(wasm_i8x16_eq(l0, open_curly), wasm_i8x16_eq(l1, open_curly), wasm_i8x16_eq(l2, open_curly), wasm_i8x16_eq(l3, open_curly));
    uint64_t closes = mask64(wasm_i8x16_eq(l0, close_curly), wasm_i8x16_eq(l1, close_curly), wasm_i8x16_eq(l2, close_curly), wasm_i8x16_eq(l3, close_curly));
    // Bit k set when byte k is inside a string (its opening quote included, its closing quote not).
    uint64_t strings = quotes;
    strings ^= strings << 1;
    strings ^= strings << 2;
    strings ^= strings << 4;
    strings ^= strings << 8;
    strings ^= strings << 16;
    strings ^= strings << 32;
    if (in_string) strings = ~strings;
    uint64_t candidates = 0;
    if (!marker) {
      for (int k = 0; k < count; k++) {
        v128_t b = wasm_i8x16_splat(vector_bytes[k]);
        candidates |= EQ64(b);
      }
      candidates &= strings;
    }
    uint64_t brackets = (opens | closes) & ~strings;
    uint64_t deep = brackets | candidates;
    uint64_t opening_quotes = 0, closing_quotes = 0, commas = 0;
    if (top_keys) {
      opening_quotes = quotes & strings;
      closing_quotes = quotes & ~strings;
      commas = EQ64(comma) & ~strings;
    }
    uint64_t done = 0;
    for (;;) {
      uint64_t todo = deep & ~done;
      int k = todo == 0 ? 64 : __builtin_ctzll(todo);
      if (depth == 1 && top_keys) {
        // The depth-1 stretch before the next bracket or marker byte, taken whole: its keys are the opening
        // quotes whose previous comma-or-quote is a comma (or none, when a key was expected at its start), found
        // by one carry-propagating add as simdjson finds string ends; only keys that could be tracked are read.
        uint64_t stretch = ~done & (k == 64 ? ~(uint64_t)0 : ((uint64_t)1 << k) - 1);
        uint64_t c = commas & stretch, q = opening_quotes & stretch, x = c | q;
        if (x != 0) {
          uint64_t start = stretch & (0 - stretch);
          uint64_t keys = ((((c << 1) | (expect_key ? start : 0)) & stretch) + (stretch & ~x)) & q;
          for (uint64_t keys_left = keys; keys_left != 0; keys_left &= keys_left - 1) {
            int kk = __builtin_ctzll(keys_left);
            // Tracked keys start with R, E, e or d; a key opening on the block's last byte is always looked at.
            uint8_t first = kk < 63 ? p[kk + 1] : '"';
            if (first != 'R' && (first | 0x20) != 'e' && first != 'd' && first != '"') continue;
            uint64_t after = closing_quotes & ~(((uint64_t)2 << kk) - 1);
            if (after == 0 || tracked_key(p + kk + 1, __builtin_ctzll(after) - kk - 1)) {
              // The key goes on in the next block (the byte loop reads it), or JS tracks it.
              expect_key = 1;
              k = kk;
              goto stop;
            }
          }
          expect_key = (int)((c >> (63 - __builtin_clzll(x))) & 1);
        }
      }
      if (k == 64) break;
      uint64_t bit = (uint64_t)1 << k;
      done = bit | (bit - 1);
      if (candidates & bit) {
        if (!marker && marker_at(chunk, i + k, n)) {
          marker = 1;
          deep &= ~candidates;
        }
        continue;
      }
      uint8_t c = p[k];
      if (opens & bit) {
        // At depth 1 JS holds no key here (top_keys), so a `[` cannot open an envelope.
        if (depth >= MAX_DEPTH) goto stop;
        depth++;
        stack[depth] = c;
        continue;
      }
      if (stack[depth] != (c == '}' ? '{' : '[') || depth - 1 <= floor) goto stop;
      depth--;
      continue;
    stop:
      st->stopped = 1;
      st->depth = depth;
      st->in_string = 0;
      st->marker = marker;
      st->expect_key = expect_key;
      return i + k;
    }
    in_string = (int)(strings >> 63);
    i += 64;
  }
  st->depth = depth;
  st->in_string = in_string;
  st->marker = marker;
  st->expect_key = expect_key;
  return i;
}

// Compiled twice: inside records (top_keys 0) the loop carries none of the depth-1 work.
static int32_t scan_blocks_deep(const uint8_t *chunk, int32_t i, int32_t n, struct block_state *st, int mode, int32_t floor) {
  return scan_blocks_with(chunk, i, n, st, mode, floor, 0);
}
static int32_t scan_blocks_top(const uint8_t *chunk, int32_t i, int32_t n, struct block_state *st, int mode) {
  return scan_blocks_with(chunk, i, n, st, mode, 0, 1);
}

#define EMIT(type, position, marker)                                                   \
  do {                                                                                 \
    events[event_count++] = ((uint32_t)(position) << 3) | ((marker) << 2) | (type);    \
  } while (0)

// Scans chunk[i..n) from the state in `state`/`stack`; returns where it stopped (n when the chunk is done).
EXPORT(scan) int32_t scan(int32_t i, int32_t n) {
  const uint8_t *chunk = input();
  int32_t depth = state[S_DEPTH];
  int in_string = state[S_IN_STRING];
  int marker = state[S_MARKER];
  int mode = state[S_MODE];
  int32_t item_depth = state[S_ITEM_DEPTH];
  int expect_key = state[S_EXPECT_KEY];
  int in_item = state[S_IN_ITEM];
  int key_cleared = 0;
  int32_t event_count = 0;

  // Bytes before this index are left to the byte loop (a block with a backslash, a bracket scan_blocks stopped at).
  int32_t bytewise_until = i;
  while (i < n) {
    if (i >= bytewise_until && i + 64 <= n && depth > item_depth && depth >= 1) {
      // Depth 1 of a top-level object is taken in blocks only when no key JS tracks is pending (else the byte
      // loop sees each byte that would clear it, exactly as JS does).
      int top_keys = (mode == MODE_WHOLE_OBJECT || mode == MODE_ENVELOPE_DONE) && (key_cleared || !state[S_LAST_KEY]);
      if (depth >= 2 || top_keys) {
        struct block_state st = {depth, in_string, marker, expect_key, 0};
        i = top_keys ? scan_blocks_top(chunk, i, n, &st, mode) : scan_blocks_deep(chunk, i, n, &st, mode, item_depth > 1 ? item_depth : 1);
        depth = st.depth;
        in_string = st.in_string;
        marker = st.marker;
        expect_key = st.expect_key;
        bytewise_until = st.stopped ? i + 1 : i + 64;
        continue;
      }
    }
    if (in_string) {
      for (;;) {
        i = next_special(chunk, i, n, !marker);
        if (i >= n) goto done;
        uint8_t c = chunk[i];
        if (c == '"') {
          in_string = 0;
          i++;
          break;
        }
        if (c == '\\') {
          if (i + 1 >= n) goto done;  // JS keeps the escape pending across chunks
          uint8_t escaped = chunk[i + 1];
          if (escaped == 'u' || (escaped == '\\' && (i + 2 >= n || chunk[i + 2] == 'u'))) marker = 1;
          i += 2;
          continue;
        }
        if (!marker && marker_at(chunk, i, n)) marker = 1;
        i++;
      }
      continue;
    }
    uint8_t c = chunk[i];
    if (whitespace[c]) {
      i++;
      continue;
    }
    if (event_count >= EVENT_CAP - 1) goto done;
    if (c == '"') {
      if (depth == 0 || depth == item_depth) goto done;  // errors: JS reports them
      if (expect_key && depth == 1) {
        int32_t j = i + 1;
        while (j < n && chunk[j] != '"' && chunk[j] != '\\') j++;
        if (j >= n || chunk[j] == '\\' || tracked_key(chunk + i + 1, j - i - 1)) goto done;
        if (!marker)
          for (int32_t k = i + 1; k < j; k++)
            if (marker_starts[chunk[k]] != 0 && marker_at(chunk, k, n)) {
              marker = 1;
              break;
            }
        expect_key = 0;
        key_cleared = 1;
        i = j + 1;
        continue;
      }
      in_string = 1;
      i++;
      continue;
    }
    if (c == '{' || c == '[') {
      if (depth == 0) {
        if (c != '{' || mode != MODE_BETWEEN) goto done;
        // A top-level object: JS beginTopLevel() (a record, or an envelope once a Records array shows up).
        EMIT(EV_TOP_BEGIN, i, 0);
        mode = MODE_WHOLE_OBJECT;
        item_depth = 0;
        in_item = 1;
        key_cleared = 1;
        marker = 0;
      } else if (depth == item_depth) {
        if (c != '{') goto done;
        EMIT(EV_ITEM_BEGIN, i, 0);
        in_item = 1;
        marker = 0;
      } else if (depth == 1 && mode == MODE_WHOLE_OBJECT && c == '[' && !key_cleared && state[S_LAST_KEY]) {
        goto done;  // maybe {"Records":[ : JS decides from the key it holds (a "resources":[ array is no envelope)
      }
      if (depth >= MAX_DEPTH) goto done;
      depth++;
      stack[depth] = c;
      if (depth == 1 && (mode == MODE_WHOLE_OBJECT || mode == MODE_ENVELOPE_DONE)) expect_key = 1;
      i++;
      continue;
    }
    if (c == '}' || c == ']') {
      if (depth == 0) goto done;
      if (stack[depth] != (c == '}' ? '{' : '[')) goto done;
      int32_t to = depth - 1;
      if (to == item_depth && in_item) {
        if (to == 0 && mode != MODE_WHOLE_OBJECT) goto done;
        depth = to;
        i++;
        if (to == 0) {
          EMIT(EV_TOP_END, i, marker);
          mode = MODE_BETWEEN;
          item_depth = 0;
          expect_key = 0;
        } else {
          EMIT(EV_ITEM_END, i, marker);
        }
        in_item = 0;
        marker = 0;
        continue;
      }
      if (to == 0 || (to == 1 && mode == MODE_ENVELOPE)) goto done;
      depth = to;
      i++;
      continue;
    }
    if (depth == 0) goto done;
    if (depth == item_depth && c != ',') goto done;
    if (depth == 1 && mode == MODE_WHOLE_OBJECT) {
      if (c == ',') expect_key = 1;
      else if (c != ':') key_cleared = 1;
    } else if (depth == 1 && mode == MODE_ENVELOPE_DONE && c == ',') {
      expect_key = 1;
    }
    i++;
  }
done:
  state[S_DEPTH] = depth;
  state[S_IN_STRING] = in_string;
  state[S_MARKER] = marker;
  state[S_MODE] = mode;
  state[S_ITEM_DEPTH] = item_depth;
  state[S_EXPECT_KEY] = expect_key;
  state[S_IN_ITEM] = in_item;
  state[S_KEY_CLEARED] = key_cleared;
  state[S_EVENTS] = event_count;
  return i;
}
