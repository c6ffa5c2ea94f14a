package dev.servicekit.logging.internal;

import dev.servicekit.logging.LogProfile;
import dev.servicekit.logging.LogProfile.LogField;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Encodes {@link LogEvent}s as JSON lines straight into a {@link JsonBuffer}: no intermediate
 * strings or trees. Which fields a line has, their order and names come from the configured {@link
 * LogProfile}; field names and the service identity are encoded once, the timestamp prefix once per
 * second. What recurs is kept as bytes: a message pattern seen twice is split once into escaped
 * literals, an MDC snapshot keeps the JSON of its entries, thread names their key and value, and
 * fields that are the same on every line are one array.
 *
 * <p>A user key (MDC or key-value) equal to a name the profile writes or to a key already written
 * in the line is written with {@code _} prepended (repeated until it is free), so no line has a
 * duplicate key.
 *
 * <p>A line longer than the configured maximum is encoded again with every string value cut (and
 * finally without MDC entries, key-value pairs and tags) until it fits; such a line carries the
 * profile's {@code truncated} field set to true. Not thread-safe: one encoder per writer.
 *
 * <p>Hand-written: logging has no JSON library by design, and encoding straight to bytes allocates
 * nothing per plain event (JsonEncoderBenchmark in benchmarks/, against logstash-logback-encoder).
 */
public final class JsonEncoder {

  private static final byte[] TRUE = bytes("true");
  private static final byte[] FALSE = bytes("false");
  private static final byte[] NULL = bytes("null");

  private final LogProfile profile;
  private final int maxLine;
  private final int[] retryCaps;
  private final LogField[] fields;
  private final byte[][] keys;
  private final byte[][] fixed;
  private final byte[][] levelValues;

  /** Per level, the level field's key and value together. */
  private final byte[][] levelFields;

  /**
   * Where two or more fields in a row are the same on every line, the first one's index holds all
   * their bytes together and {@link #runEnds} the index after the last; null elsewhere.
   */
  private final byte[][] runs;

  private final int[] runEnds;

  /**
   * The field indexes a line goes through, a run of constants once: {@link #allSteps} for any
   * event, {@link #plainSteps} for one without exception, markers or truncation (the fields only
   * those write are left out).
   */
  private int[] allSteps;

  private int[] plainSteps;
  private final byte[] failureLevelKey;
  private final byte[] failureMessageKey;
  private final byte[] failureLoggerKey;
  private final byte[] failureVersion;
  private final String tracePrefix;
  private final LogConfig config;
  private LogIdentity encodedIdentity;

  /** Writes the first field, the timestamp, with its key. */
  private final TimestampCache timestamps;

  private final KeySet keysInLine = new KeySet();

  /** Logger and thread names with their field's key before them. */
  private final EncodedNames loggerNames;

  private final EncodedNames threadNames;
  private final EncodedNames userKeys = new EncodedNames(256, true);
  private final ThrowableWriter throwables;

  private int messageStart;
  private int messageCap;
  private boolean messageCut;

  /**
   * Message patterns seen twice, split where their arguments go (see {@link MessagePattern}): one
   * slot per hash, replaced on a collision; a pattern seen once is only noted in {@link
   * #candidates}, so a message built per call costs a reference store, not a parse.
   */
  private static final int PATTERN_SLOTS = 64;

  private final MessagePattern[] patterns = new MessagePattern[PATTERN_SLOTS];
  private final String[] candidates = new String[PATTERN_SLOTS];

  /**
   * A message pattern as {@link #writeMessage} writes it with {@code argCount} arguments: escaped
   * literal bytes, with argument {@code k} between {@code literals[k]} and {@code literals[k + 1]}.
   */
  private static final class MessagePattern {
    final String pattern;
    final int argCount;
    final byte[][] literals;

    MessagePattern(String pattern, int argCount, byte[][] literals) {
      this.pattern = pattern;
      this.argCount = argCount;
      this.literals = literals;
    }
  }

  /** An encoder for the profile, limits and service identity of {@code config}. */
  public JsonEncoder(LogConfig config) {
    profile = config.profile;
    maxLine = config.maxLineBytes;
    retryCaps = new int[] {maxLine / 4, maxLine / 16, 256};
    this.config = config;
    encodedIdentity = config.identity();
    List<LogField> order = profile.order();
    fields = order.toArray(new LogField[0]);
    keys = new byte[fields.length][];
    fixed = new byte[fields.length][];
    for (int i = 0; i < fields.length; i++) {
      LogField f = fields[i];
      String name = profile.name(f).orElse("");
      keys[i] = bytes((i == 0 ? "{" : ",") + name(name) + ":");
      fixed[i] = fixedValue(f, keys[i], encodedIdentity);
    }
    loggerNames = new EncodedNames(256, keyOf(order, LogField.LOGGER));
    threadNames = new EncodedNames(64, keyOf(order, LogField.THREAD));
    levelValues = new byte[5][];
    levelFields = new byte[5][];
    int levelIndex = order.indexOf(LogField.LEVEL);
    for (int i = 0; i < 5; i++) {
      levelValues[i] = JsonBuffer.quoted(profile.levelName(i * 10));
      levelFields[i] = levelIndex < 0 ? null : concat(keys[levelIndex], levelValues[i]);
    }
    runs = new byte[fields.length][];
    runEnds = new int[fields.length];
    mergeRuns();
    // the first field is the timestamp (LogProfile requires it): the cache writes its key too
    timestamps = new TimestampCache(keys[0]);
    failureLevelKey = key(profile.name(LogField.LEVEL).orElseThrow());
    failureMessageKey = key(profile.name(LogField.MESSAGE).orElseThrow());
    failureLoggerKey = profile.name(LogField.LOGGER).map(JsonEncoder::key).orElse(null);
    int version = order.indexOf(LogField.FORMAT_VERSION);
    failureVersion = version < 0 ? new byte[0] : fixed[version];
    tracePrefix = profile.traceFormat().format("", config.gcpProject);
    throwables =
        new ThrowableWriter(
            config.maxFrames, config.maxCauses, config.maxStackTraceBytes, config.rootCauseFirst);
  }

  /**
   * The bytes of a field whose value is the same on every line (key included), an empty array for a
   * field that is never written with this configuration, or null for a field filled per event.
   */
  private byte[] fixedValue(LogField f, byte[] key, LogIdentity id) {
    switch (f) {
      case FORMAT_VERSION:
        return concat(key, JsonBuffer.quoted(profile.constant(f).orElse("")));
      case SERVICE_NAME:
      case SERVICE_VERSION:
      case SERVICE_ENVIRONMENT:
      case SERVICE_INSTANCE:
      case DATASET:
        {
          String v = identity(f, id);
          return v == null ? new byte[0] : concat(key, quoted(v));
        }
      case LABELS:
        {
          JsonBuffer b = new JsonBuffer(128);
          boolean first = true;
          for (LogField label : profile.labelFields()) {
            String v = identity(label, id);
            if (v != null) {
              b.writeByte((byte) (first ? '{' : ','));
              b.writeString(profile.name(label).orElseThrow());
              b.writeByte((byte) ':');
              b.writeString(v, 256);
              first = false;
            }
          }
          return first
              ? new byte[0]
              : concat(key, Arrays.copyOf(b.array(), b.length()), bytes("}"));
        }
      case ERROR_SERVICE_CONTEXT:
        {
          // Error Reporting groups by service; both fields are optional in its ServiceContext
          String service = id.serviceName();
          String version = id.serviceVersion();
          if (service == null && version == null) {
            return new byte[0];
          }
          JsonBuffer b = new JsonBuffer(128);
          b.writeByte((byte) '{');
          if (service != null) {
            b.writeString("service");
            b.writeByte((byte) ':');
            b.writeString(service, 256);
          }
          if (version != null) {
            if (service != null) {
              b.writeByte((byte) ',');
            }
            b.writeString("version");
            b.writeByte((byte) ':');
            b.writeString(version, 256);
          }
          b.writeByte((byte) '}');
          return concat(key, Arrays.copyOf(b.array(), b.length()));
        }
      case ERROR_REPORT_TYPE:
        return concat(key, JsonBuffer.quoted(profile.constant(f).orElse("")));
      default:
        return null;
    }
  }

  private static String identity(LogField f, LogIdentity id) {
    switch (f) {
      case SERVICE_NAME:
        return id.serviceName();
      case SERVICE_VERSION:
        return id.serviceVersion();
      case SERVICE_ENVIRONMENT:
        return id.environment();
      case SERVICE_INSTANCE:
        return id.instanceId();
      case DATASET:
        return id.dataset();
      default:
        return null;
    }
  }

  /**
   * Encodes the identity-dependent constant fields again when the identity changed (a runtime
   * started or stopped), so a line costs one reference comparison for its identity.
   */
  private void useIdentity(LogIdentity current) {
    if (current == encodedIdentity) {
      return;
    }
    for (int i = 0; i < fields.length; i++) {
      switch (fields[i]) {
        case SERVICE_NAME:
        case SERVICE_VERSION:
        case SERVICE_ENVIRONMENT:
        case SERVICE_INSTANCE:
        case DATASET:
        case LABELS:
        case ERROR_SERVICE_CONTEXT:
          fixed[i] = fixedValue(fields[i], keys[i], current);
          break;
        default:
          break;
      }
    }
    mergeRuns();
    encodedIdentity = current;
  }

  private byte[] keyOf(List<LogField> order, LogField field) {
    int i = order.indexOf(field);
    return i < 0 ? new byte[0] : keys[i];
  }

  /** Whether a constant field is written on every line (the error-only ones are not). */
  private static boolean always(LogField f) {
    return f != LogField.ERROR_REPORT_TYPE && f != LogField.ERROR_SERVICE_CONTEXT;
  }

  /** Joins each run of constant fields written on every line into one array ({@link #runs}). */
  private void mergeRuns() {
    Arrays.fill(runs, null);
    for (int i = 0; i < fields.length; i++) {
      if (fixed[i] == null || !always(fields[i])) {
        continue;
      }
      int end = i + 1;
      while (end < fields.length && fixed[end] != null && always(fields[end])) {
        end++;
      }
      if (end - i > 1) {
        runs[i] = concat(Arrays.copyOfRange(fixed, i, end));
        runEnds[i] = end;
      }
      i = end - 1;
    }
    allSteps = steps(false);
    plainSteps = steps(true);
  }

  private int[] steps(boolean plain) {
    int[] steps = new int[fields.length];
    int n = 0;
    for (int i = 0; i < fields.length; i++) {
      if (!plain || !onlyForErrorsMarkersOrCuts(i)) {
        steps[n++] = i;
      }
      if (runs[i] != null) {
        i = runEnds[i] - 1;
      }
    }
    return Arrays.copyOf(steps, n);
  }

  /** Whether field {@code i} writes nothing for an event without exception, markers or cut. */
  private boolean onlyForErrorsMarkersOrCuts(int i) {
    if (runs[i] != null) {
      return false;
    }
    if (fixed[i] != null) {
      return !always(fields[i]) || fixed[i].length == 0;
    }
    switch (fields[i]) {
      case ERROR_TYPE:
      case ERROR_MESSAGE:
      case STACK_TRACE:
      case TAGS:
      case TRUNCATED:
        return true;
      default:
        return false;
    }
  }

  /** Appends one line for {@code event}, ending in {@code \n}, to {@code out}. */
  public void encode(LogEvent event, JsonBuffer out) {
    int start = out.length();
    write(event, out, maxLine, false, true);
    if (out.length() - start <= maxLine) {
      return;
    }
    for (int cap : retryCaps) {
      out.truncate(start);
      write(event, out, cap, true, true);
      if (out.length() - start <= maxLine) {
        return;
      }
    }
    out.truncate(start);
    write(event, out, 128, true, false);
  }

  /** Appends a line saying that {@code event} could not be encoded because of {@code failure}. */
  void encodeFailure(LogEvent event, Throwable failure, JsonBuffer out) {
    timestamps.write(event.timestamp, out);
    out.writeBytes(failureLevelKey);
    out.writeBytes(levelValues[Math.max(0, Math.min(4, event.level / 10))]);
    out.writeBytes(failureMessageKey);
    out.writeString(
        "[servicekit-logging could not encode this event: " + failure.getClass().getName() + "]");
    out.writeBytes(failureVersion);
    if (failureLoggerKey != null) {
      out.writeBytes(failureLoggerKey);
      out.writeString(String.valueOf(event.loggerName), 256);
    }
    out.writeByte((byte) '}');
    out.writeByte((byte) '\n');
  }

  private void write(LogEvent e, JsonBuffer out, int cap, boolean truncated, boolean userFields) {
    keysInLine.clear();
    useIdentity(e.identity != null ? e.identity : config.identity());
    String traceId = e.traceId;
    String spanId = e.spanId;
    boolean sampled = e.traceSampled;
    if (traceId == null) {
      traceId = e.mdc.traceId();
      spanId = e.mdc.spanId();
      sampled = "01".equals(e.mdc.traceFlags());
    }
    Throwable t = e.throwable;
    int level = Math.max(0, Math.min(4, e.level / 10));
    int[] steps =
        t == null && !truncated && (e.markers == null || !userFields) ? plainSteps : allSteps;
    for (int step : steps) {
      int i = step;
      byte[] constant = fixed[i];
      LogField f = fields[i];
      if (constant != null) {
        byte[] run = runs[i];
        if (run != null) {
          out.writeBytes(run);
        } else if (t != null || always(f)) {
          out.writeBytes(constant);
        }
        continue;
      }
      switch (f) {
        case TIMESTAMP:
          timestamps.write(e.timestamp, out);
          break;
        case LEVEL:
          out.writeBytes(levelFields[level]);
          break;
        case LEVEL_VALUE:
          out.writeBytes(keys[i]);
          out.writeLong(profile.levelValue(e.level));
          break;
        case MESSAGE:
          out.writeBytes(keys[i]);
          out.writeByte((byte) '"');
          writeMessage(e.message, e.arguments, out, cap);
          out.writeByte((byte) '"');
          break;
        case LOGGER:
          if (e.loggerJson != null && !truncated) {
            // encoded once per logger, so any number of loggers never evict one another
            out.writeBytes(keys[i]);
            out.writeBytes(e.loggerJson);
          } else {
            writeName(keys[i], loggerNames, String.valueOf(e.loggerName), truncated, out, cap);
          }
          break;
        case THREAD:
          writeName(keys[i], threadNames, String.valueOf(e.threadName), truncated, out, cap);
          break;
        case TRACE_ID:
          if (traceId != null) {
            out.writeBytes(keys[i]);
            out.writeByte((byte) '"');
            out.writeContent(tracePrefix, 0, tracePrefix.length(), Integer.MAX_VALUE);
            out.writeContent(traceId, 0, traceId.length(), cap);
            out.writeByte((byte) '"');
          }
          break;
        case SPAN_ID:
          if (spanId != null) {
            out.writeBytes(keys[i]);
            out.writeString(spanId, cap);
          }
          break;
        case TRACE_SAMPLED:
          if (traceId != null) {
            out.writeBytes(keys[i]);
            out.writeBytes(sampled ? TRUE : FALSE);
          }
          break;
        case ERROR_TYPE:
          if (t != null) {
            out.writeBytes(keys[i]);
            out.writeString(t.getClass().getName(), cap);
          }
          break;
        case ERROR_MESSAGE:
          if (t != null) {
            String message = ThrowableWriter.message(t);
            if (message != null) {
              out.writeBytes(keys[i]);
              out.writeString(message, cap);
            }
          }
          break;
        case STACK_TRACE:
          if (t != null) {
            out.writeBytes(keys[i]);
            throwables.write(t, out, cap);
          }
          break;
        case TAGS:
          if (userFields) {
            writeTags(keys[i], e.markers, out, cap);
          }
          break;
        case TRUNCATED:
          if (truncated) {
            out.writeBytes(keys[i]);
            out.writeBytes(TRUE);
          }
          break;
        case USER_FIELDS:
          if (userFields) {
            writeUserFields(e, traceId, spanId, out, cap);
          }
          break;
        default:
          break;
      }
    }
    out.writeByte((byte) '}');
    out.writeByte((byte) '\n');
  }

  private void writeUserFields(LogEvent e, String traceId, String spanId, JsonBuffer out, int cap) {
    MdcSnapshot mdc = e.mdc;
    List<KeyValuePair> kvs = e.keyValues;
    if (mdc.size() > 0) {
      int trace = mdc.traceIndex();
      int span = mdc.spanIndex();
      int skips =
          (trace >= 0 && Objects.equals(mdc.value(trace), traceId) ? 1 : 0)
              | (span >= 0 && Objects.equals(mdc.value(span), spanId) ? 2 : 0);
      MdcSnapshot.Block block = mdc.block();
      if (kvs == null
          && block != null
          && block.profile == profile
          && block.skips == skips
          && cap >= block.minCap) {
        // the same entries, skipped the same way, none of them cut: the bytes written last time
        out.writeBytes(block.bytes);
        return;
      }
      int start = out.length();
      int minCap = writeMdc(mdc, skips, out, cap);
      if (kvs == null && minCap >= 0) {
        mdc.rememberBlock(
            new MdcSnapshot.Block(
                profile, skips, minCap, Arrays.copyOfRange(out.array(), start, out.length())));
      }
    }
    if (kvs != null) {
      for (int i = 0, n = kvs.size(); i < n; i++) {
        KeyValuePair p = kvs.get(i);
        writeKey(p.key, out);
        writeValue(p.value, out, cap);
      }
    }
  }

  /**
   * Writes the MDC entries but those {@code skips} names (1: {@code trace_id}, 2: {@code span_id});
   * returns the least string cap at which the same bytes come out (no value cut), or -1 when a
   * value may have been cut at {@code cap}.
   */
  private int writeMdc(MdcSnapshot mdc, int skips, JsonBuffer out, int cap) {
    int trace = (skips & 1) != 0 ? mdc.traceIndex() : -1;
    int span = (skips & 2) != 0 ? mdc.spanIndex() : -1;
    int minCap = 0;
    boolean exact = true;
    for (int i = 0, n = mdc.size(); i < n; i++) {
      if (i == trace || i == span) {
        continue;
      }
      String k = mdc.key(i);
      String v = mdc.value(i);
      writeKey(k, out);
      if (v == null) {
        out.writeBytes(NULL);
      } else if (v.length() * 6L <= cap) {
        // cannot be cut at this cap: the bytes kept with the snapshot are what writeString writes
        minCap = (int) Math.max(minCap, v.length() * 6L);
        byte[] quoted = mdc.quotedValue(i);
        if (quoted != null) {
          out.writeBytes(quoted);
        } else {
          int start = out.length();
          out.writeString(v, cap);
          mdc.rememberQuoted(i, Arrays.copyOfRange(out.array(), start, out.length()));
        }
      } else {
        exact = false;
        out.writeString(v, cap);
      }
    }
    return exact ? minCap : -1;
  }

  private static void writeTags(byte[] key, List<Marker> markers, JsonBuffer out, int cap) {
    if (markers == null || markers.isEmpty()) {
      return;
    }
    out.writeBytes(key);
    out.writeByte((byte) '[');
    boolean first = true;
    for (int i = 0, n = markers.size(); i < n; i++) {
      Marker m = markers.get(i);
      if (m == null) {
        continue;
      }
      first = tag(m.getName(), first, out, cap);
      if (m.hasReferences()) {
        for (java.util.Iterator<Marker> it = m.iterator(); it.hasNext(); ) {
          Marker r = it.next();
          if (r != null) {
            first = tag(r.getName(), first, out, cap);
          }
        }
      }
    }
    out.writeByte((byte) ']');
  }

  private static boolean tag(String name, boolean first, JsonBuffer out, int cap) {
    if (!first) {
      out.writeByte((byte) ',');
    }
    out.writeString(String.valueOf(name), cap);
    return false;
  }

  /** Writes {@code key} and the name, from {@code cache} (which holds both) unless cut. */
  private static void writeName(
      byte[] key, EncodedNames cache, String name, boolean truncated, JsonBuffer out, int cap) {
    if (!truncated) {
      byte[] encoded = cache.get(name);
      if (encoded != null) {
        out.writeBytes(encoded);
        return;
      }
    }
    out.writeBytes(key);
    out.writeString(name, cap);
  }

  private void writeKey(String key, JsonBuffer out) {
    if (key != null) {
      // a cached key is known to be well-formed and not reserved: only duplicates remain to check
      byte[] cached = userKeys.peek(key);
      if (cached != null && keysInLine.add(key)) {
        out.writeBytes(cached);
        return;
      }
    }
    String k = key == null ? "null" : JsonBuffer.wellFormed(key);
    boolean renamed = false;
    while (profile.reservedNames().contains(k) || !keysInLine.add(k)) {
      k = "_" + k;
      renamed = true;
    }
    byte[] encoded = renamed ? null : userKeys.get(k);
    if (encoded != null) {
      out.writeBytes(encoded);
    } else {
      out.writeByte((byte) ',');
      out.writeString(k);
      out.writeByte((byte) ':');
    }
  }

  private static void writeValue(Object v, JsonBuffer out, int cap) {
    if (v == null) {
      out.writeBytes(NULL);
    } else if (v instanceof String) {
      out.writeString((String) v, cap);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      out.writeLong(((Number) v).longValue());
    } else if (v instanceof Boolean) {
      out.writeBytes((Boolean) v ? TRUE : FALSE);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        out.writeAscii(v.toString());
      } else {
        out.writeString(v.toString());
      }
    } else if (v instanceof BigDecimal || v instanceof BigInteger) {
      out.writeAscii(v.toString());
    } else {
      out.writeString(Arguments.safeToString(v), cap);
    }
  }

  /** Writes the message with {@code {}} placeholders replaced, as SLF4J formats it. */
  private void writeMessage(String m, Object[] args, JsonBuffer out, int cap) {
    messageStart = out.length();
    messageCap = cap;
    messageCut = false;
    if (m == null) {
      piece(out, "null", 0, 4);
      return;
    }
    if (args == null || args.length == 0) {
      piece(out, m, 0, m.length());
      return;
    }
    int slot = m.hashCode() & (PATTERN_SLOTS - 1);
    MessagePattern p = patterns[slot];
    if (p == null || p.pattern != m || p.argCount != args.length) {
      if (candidates[slot] != m) {
        candidates[slot] = m;
        format(m, args, out);
        return;
      }
      p = parse(m, args.length);
      patterns[slot] = p;
    }
    if (!writeParsed(p, args, out)) {
      // a literal reaches the cap: the piecewise way cuts it where it always did
      out.truncate(messageStart);
      messageCut = false;
      format(m, args, out);
    }
  }

  /**
   * Writes {@code p} with {@code args}; false, having written part, when a literal would not fit in
   * the room left (the caller then writes the message again piecewise).
   */
  private boolean writeParsed(MessagePattern p, Object[] args, JsonBuffer out) {
    byte[][] literals = p.literals;
    int last = literals.length - 1;
    for (int k = 0; ; k++) {
      byte[] literal = literals[k];
      if (literal.length > messageCap - (out.length() - messageStart)) {
        return false;
      }
      out.writeBytes(literal);
      if (k == last) {
        return true;
      }
      argument(out, args[k]);
      if (messageCut) {
        return true;
      }
    }
  }

  /** Splits {@code m} as {@link #format} reads it with {@code argCount} arguments. */
  private MessagePattern parse(String m, int argCount) {
    List<byte[]> literals = new ArrayList<>();
    format(m, null, argCount, new JsonBuffer(m.length() + 16), literals);
    return new MessagePattern(m, argCount, literals.toArray(new byte[0][]));
  }

  /** Writes the message piece by piece, each cut to the room left. */
  private void format(String m, Object[] args, JsonBuffer out) {
    format(m, args, args.length, out, null);
  }

  /**
   * Reads {@code m} as SLF4J does with {@code argCount} arguments: writes each piece to {@code out}
   * cut to the room left, and each argument; or, with {@code split}, writes the escaped literals
   * only and adds to {@code split} what {@code out} holds at each argument and at the end.
   */
  private void format(String m, Object[] args, int argCount, JsonBuffer out, List<byte[]> split) {
    int n = m.length();
    int i = 0;
    int arg = 0;
    while (i < n && arg < argCount && (split != null || !messageCut)) {
      int j = m.indexOf("{}", i);
      if (j < 0) {
        break;
      }
      if (j > 0 && m.charAt(j - 1) == '\\') {
        if (j > 1 && m.charAt(j - 2) == '\\') {
          text(out, m, i, j - 1, split);
          argument(out, args, arg++, split);
        } else {
          text(out, m, i, j - 1, split);
          text(out, m, j, j + 2, split);
        }
      } else {
        text(out, m, i, j, split);
        argument(out, args, arg++, split);
      }
      i = j + 2;
    }
    text(out, m, i, n, split);
    if (split != null) {
      split.add(Arrays.copyOf(out.array(), out.length()));
    }
  }

  private void text(JsonBuffer out, String m, int from, int to, List<byte[]> split) {
    if (split == null) {
      piece(out, m, from, to);
    } else if (from < to) {
      out.writeContent(m, from, to, Integer.MAX_VALUE);
    }
  }

  private void argument(JsonBuffer out, Object[] args, int k, List<byte[]> split) {
    if (split == null) {
      argument(out, args[k]);
    } else {
      split.add(Arrays.copyOf(out.array(), out.length()));
      out.reset();
    }
  }

  private void argument(JsonBuffer out, Object a) {
    if (a instanceof String) {
      String s = (String) a;
      piece(out, s, 0, s.length());
    } else if (a instanceof Integer || a instanceof Long || a instanceof Short) {
      if (!messageCut) {
        out.writeLong(((Number) a).longValue());
      }
    } else {
      String s = Arguments.safeToString(a);
      piece(out, s, 0, s.length());
    }
  }

  private void piece(JsonBuffer out, String s, int from, int to) {
    if (messageCut || from >= to) {
      return;
    }
    int room = messageCap - (out.length() - messageStart);
    messageCut = out.writeContent(s, from, to, Math.max(0, room));
  }

  private static String name(String fieldName) {
    return new String(JsonBuffer.quoted(fieldName), StandardCharsets.UTF_8);
  }

  private static byte[] key(String fieldName) {
    return bytes("," + name(fieldName) + ":");
  }

  private static byte[] quoted(String value) {
    JsonBuffer b = new JsonBuffer(64);
    b.writeString(value, 256);
    return Arrays.copyOf(b.array(), b.length());
  }

  private static byte[] concat(byte[]... parts) {
    JsonBuffer b = new JsonBuffer(64);
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return Arrays.copyOf(b.array(), b.length());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
