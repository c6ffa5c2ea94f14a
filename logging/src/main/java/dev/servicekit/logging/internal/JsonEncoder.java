package dev.servicekit.logging.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Encodes {@link LogEvent}s as JSON lines straight into a {@link JsonBuffer}: no intermediate
 * strings or trees. Field names and the service identity are encoded once; the timestamp prefix is
 * formatted once per second.
 *
 * <p>Field order: timestamp, level, message, logger, thread, service identity, trace and span id,
 * error type, message and stack trace, tags, then MDC entries and key-value pairs in their order. A
 * user key equal to a standard field or to a key already written in the line is written with {@code
 * _} prepended (repeated until it is free), so no line has a duplicate key.
 *
 * <p>A line longer than the configured maximum is encoded again with every string value cut (and
 * finally without MDC entries, key-value pairs and tags) until it fits; such a line carries the
 * profile's {@code truncated} field set to true. Not thread-safe: one encoder per writer.
 */
public final class JsonEncoder {

  private static final byte[] TRUE = bytes("true");
  private static final byte[] FALSE = bytes("false");
  private static final byte[] NULL = bytes("null");

  private final Profile profile;
  private final int maxLine;
  private final int[] retryCaps;
  private final byte[] timestampKey;
  private final byte[] logstashVersion;
  private final byte[] levelKey;
  private final byte[] levelValueKey;
  private final byte[] messageKey;
  private final byte[] loggerKey;
  private final byte[] threadKey;
  private final LogConfig config;
  private LogIdentity encodedIdentity;
  private byte[] identity;
  private final byte[] traceKey;
  private final byte[] spanKey;
  private final byte[] errorTypeKey;
  private final byte[] errorMessageKey;
  private final byte[] stackTraceKey;
  private final byte[] tagsKey;
  private final byte[] truncatedField;
  private final String gcpTracePrefix;
  private final TimestampCache timestamps = new TimestampCache();
  private final KeySet keys = new KeySet();
  private final EncodedNames loggerNames = new EncodedNames(256, false);
  private final EncodedNames threadNames = new EncodedNames(64, false);
  private final EncodedNames userKeys = new EncodedNames(256, true);
  private final ThrowableWriter throwables;

  private int messageStart;
  private int messageCap;
  private boolean messageCut;

  /** An encoder for the profile, limits and service identity of {@code config}. */
  public JsonEncoder(LogConfig config) {
    profile = config.profile;
    maxLine = config.maxLineBytes;
    retryCaps = new int[] {maxLine / 4, maxLine / 16, 256};
    timestampKey = bytes("{" + name(profile.timestamp) + ":");
    logstashVersion = profile == Profile.LOGSTASH ? bytes(",\"@version\":\"1\"") : new byte[0];
    levelKey = key(profile.level);
    levelValueKey = profile == Profile.LOGSTASH ? key("level_value") : null;
    messageKey = key(profile.message);
    loggerKey = key(profile.logger);
    threadKey = key(profile.thread);
    this.config = config;
    identity(config.identity());
    traceKey = key(profile.traceId);
    spanKey = key(profile.spanId);
    errorTypeKey = key(profile.errorType);
    errorMessageKey = key(profile.errorMessage);
    stackTraceKey = key(profile.stackTrace);
    tagsKey = key(profile.tags);
    truncatedField = bytes("," + name(profile.truncated) + ":true");
    gcpTracePrefix =
        profile == Profile.GCP && config.gcpProject != null
            ? "projects/" + config.gcpProject + "/traces/"
            : "";
    throwables =
        new ThrowableWriter(
            config.maxFrames, config.maxCauses, config.maxStackTraceBytes, config.rootCauseFirst);
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
    out.writeBytes(timestampKey);
    timestamps.write(event.timestamp, out);
    out.writeBytes(levelKey);
    out.writeBytes(profile.levelValues[levelIndex(event.level)]);
    out.writeBytes(messageKey);
    out.writeString(
        "[servicekit-logging could not encode this event: " + failure.getClass().getName() + "]");
    out.writeBytes(loggerKey);
    out.writeString(String.valueOf(event.loggerName), 256);
    out.writeByte((byte) '}');
    out.writeByte((byte) '\n');
  }

  private void write(LogEvent e, JsonBuffer out, int cap, boolean truncated, boolean userFields) {
    keys.clear();
    out.writeBytes(timestampKey);
    timestamps.write(e.timestamp, out);
    out.writeBytes(logstashVersion);
    int level = levelIndex(e.level);
    out.writeBytes(levelKey);
    out.writeBytes(profile.levelValues[level]);
    if (levelValueKey != null) {
      out.writeBytes(levelValueKey);
      out.writeLong(level == 0 ? 5000 : level * 10000L);
    }
    out.writeBytes(messageKey);
    out.writeByte((byte) '"');
    writeMessage(e.message, e.arguments, out, cap);
    out.writeByte((byte) '"');
    out.writeBytes(loggerKey);
    writeName(e.loggerJson, loggerNames, String.valueOf(e.loggerName), truncated, out, cap);
    out.writeBytes(threadKey);
    writeName(null, threadNames, String.valueOf(e.threadName), truncated, out, cap);
    out.writeBytes(identity(e.identity != null ? e.identity : config.identity()));
    String traceId = e.traceId;
    String spanId = e.spanId;
    if (traceId == null) {
      traceId = e.mdc.get("trace_id");
      spanId = e.mdc.get("span_id");
    }
    if (traceId != null) {
      out.writeBytes(traceKey);
      out.writeByte((byte) '"');
      out.writeContent(gcpTracePrefix, 0, gcpTracePrefix.length(), Integer.MAX_VALUE);
      out.writeContent(traceId, 0, traceId.length(), cap);
      out.writeByte((byte) '"');
    }
    if (spanId != null) {
      out.writeBytes(spanKey);
      out.writeString(spanId, cap);
    }
    Throwable t = e.throwable;
    if (t != null) {
      out.writeBytes(errorTypeKey);
      out.writeString(t.getClass().getName(), cap);
      String message = ThrowableWriter.message(t);
      if (message != null) {
        out.writeBytes(errorMessageKey);
        out.writeString(message, cap);
      }
      out.writeBytes(stackTraceKey);
      throwables.write(t, out, cap);
    }
    if (userFields) {
      writeTags(e.markers, out, cap);
    }
    if (truncated) {
      out.writeBytes(truncatedField);
    }
    if (userFields) {
      MdcSnapshot mdc = e.mdc;
      for (int i = 0, n = mdc.size(); i < n; i++) {
        String k = mdc.key(i);
        String v = mdc.value(i);
        if (("trace_id".equals(k) && Objects.equals(v, traceId))
            || ("span_id".equals(k) && Objects.equals(v, spanId))) {
          continue;
        }
        writeKey(k, out);
        if (v == null) {
          out.writeBytes(NULL);
        } else {
          out.writeString(v, cap);
        }
      }
      List<KeyValuePair> kvs = e.keyValues;
      if (kvs != null) {
        for (int i = 0, n = kvs.size(); i < n; i++) {
          KeyValuePair p = kvs.get(i);
          writeKey(p.key, out);
          writeValue(p.value, out, cap);
        }
      }
    }
    out.writeByte((byte) '}');
    out.writeByte((byte) '\n');
  }

  private void writeTags(List<Marker> markers, JsonBuffer out, int cap) {
    if (markers == null || markers.isEmpty()) {
      return;
    }
    out.writeBytes(tagsKey);
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

  private static void writeName(
      byte[] known, EncodedNames cache, String name, boolean truncated, JsonBuffer out, int cap) {
    if (!truncated) {
      byte[] encoded = known != null ? known : cache.get(name);
      if (encoded != null) {
        out.writeBytes(encoded);
        return;
      }
    }
    out.writeString(name, cap);
  }

  private void writeKey(String key, JsonBuffer out) {
    if (key != null) {
      // a cached key is known to be well-formed and not reserved: only duplicates remain to check
      byte[] cached = userKeys.peek(key);
      if (cached != null && keys.add(key)) {
        out.writeBytes(cached);
        return;
      }
    }
    String k = key == null ? "null" : JsonBuffer.wellFormed(key);
    boolean renamed = false;
    while (profile.isReserved(k) || !keys.add(k)) {
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
    int n = m.length();
    if (args == null || args.length == 0) {
      piece(out, m, 0, n);
      return;
    }
    int i = 0;
    int arg = 0;
    while (i < n && arg < args.length && !messageCut) {
      int j = m.indexOf("{}", i);
      if (j < 0) {
        break;
      }
      if (j > 0 && m.charAt(j - 1) == '\\') {
        if (j > 1 && m.charAt(j - 2) == '\\') {
          piece(out, m, i, j - 1);
          argument(out, args[arg++]);
        } else {
          piece(out, m, i, j - 1);
          piece(out, m, j, j + 2);
        }
      } else {
        piece(out, m, i, j);
        argument(out, args[arg++]);
      }
      i = j + 2;
    }
    piece(out, m, i, n);
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

  private static int levelIndex(int level) {
    return Math.max(0, Math.min(4, level / 10));
  }

  /**
   * The encoded identity fields; encoded again only when the identity changed (a runtime started or
   * stopped), so a line costs a reference comparison for its identity.
   */
  private byte[] identity(LogIdentity current) {
    if (current != encodedIdentity) {
      JsonBuffer id = new JsonBuffer(256);
      identityField(id, profile.serviceName, current.serviceName());
      identityField(id, profile.serviceVersion, current.serviceVersion());
      identityField(id, profile.environment, current.environment());
      identityField(id, profile.dataset, current.dataset());
      identity = java.util.Arrays.copyOf(id.array(), id.length());
      encodedIdentity = current;
    }
    return identity;
  }

  private static void identityField(JsonBuffer out, String name, String value) {
    if (name != null && value != null) {
      out.writeByte((byte) ',');
      out.writeString(name);
      out.writeByte((byte) ':');
      out.writeString(value, 256);
    }
  }

  private static String name(String fieldName) {
    return new String(JsonBuffer.quoted(fieldName), StandardCharsets.UTF_8);
  }

  private static byte[] key(String fieldName) {
    return fieldName == null ? null : bytes("," + name(fieldName) + ":");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
