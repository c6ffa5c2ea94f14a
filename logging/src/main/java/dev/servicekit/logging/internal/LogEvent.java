package dev.servicekit.logging.internal;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * One captured log call: everything the encoder needs, taken on the calling thread. Arguments are
 * either immutable values (strings, boxed primitives, ...) or already turned into strings, so
 * encoding later gives the text the caller saw. An event made by a public constructor is never
 * changed; the logger itself refills one event per lent encoder ({@link #fill}) for the call it is
 * encoding, and empties it afterwards.
 */
public final class LogEvent {

  long timestamp;
  int level;
  String loggerName;
  byte[] loggerJson;
  String threadName;
  String message;
  Object[] arguments;
  Throwable throwable;
  MdcSnapshot mdc;
  List<KeyValuePair> keyValues;
  List<Marker> markers;
  String traceId;
  String spanId;
  boolean traceSampled;

  /**
   * The identity at the moment of the call, set by the logger factory before the event is queued
   * (so a line logged before {@code ServiceRuntime.start()} keeps the identity of that moment);
   * null means the encoder's current one.
   */
  LogIdentity identity;

  /**
   * Builds an event from parts that are already safe to keep (see {@link Arguments#capture}).
   *
   * @param timestamp milliseconds since the epoch
   * @param level SLF4J level number (0 trace ... 40 error)
   * @param loggerName the logger's name
   * @param loggerJson the logger's name as a quoted JSON string, or null to encode it each time
   * @param threadName the calling thread's name
   * @param message the message pattern with {@code {}} placeholders, may be null
   * @param arguments placeholder values, may be null
   * @param throwable the exception, may be null
   * @param mdc the MDC at the time of the call
   * @param keyValues structured key-value pairs, may be null
   * @param markers markers, written as tags, may be null
   * @param traceId the current trace id, or null
   * @param spanId the current span id, or null
   */
  public LogEvent(
      long timestamp,
      int level,
      String loggerName,
      byte[] loggerJson,
      String threadName,
      String message,
      Object[] arguments,
      Throwable throwable,
      MdcSnapshot mdc,
      List<KeyValuePair> keyValues,
      List<Marker> markers,
      String traceId,
      String spanId) {
    this(
        timestamp,
        level,
        loggerName,
        loggerJson,
        threadName,
        message,
        arguments,
        throwable,
        mdc,
        keyValues,
        markers,
        traceId,
        spanId,
        false);
  }

  /**
   * Builds an event as {@link #LogEvent(long, int, String, byte[], String, String, Object[],
   * Throwable, MdcSnapshot, List, List, String, String)} does, with the trace's sampling decision.
   *
   * @param traceSampled whether the current trace is sampled
   */
  public LogEvent(
      long timestamp,
      int level,
      String loggerName,
      byte[] loggerJson,
      String threadName,
      String message,
      Object[] arguments,
      Throwable throwable,
      MdcSnapshot mdc,
      List<KeyValuePair> keyValues,
      List<Marker> markers,
      String traceId,
      String spanId,
      boolean traceSampled) {
    fill(
        timestamp,
        level,
        loggerName,
        loggerJson,
        threadName,
        message,
        arguments,
        throwable,
        mdc,
        keyValues,
        markers,
        traceId,
        spanId,
        traceSampled);
  }

  /** An empty event, to be filled by {@link #fill}. */
  LogEvent() {
    this.mdc = MdcSnapshot.EMPTY;
  }

  /** Sets every part, as the constructor with the same parameters does; returns this event. */
  LogEvent fill(
      long timestamp,
      int level,
      String loggerName,
      byte[] loggerJson,
      String threadName,
      String message,
      Object[] arguments,
      Throwable throwable,
      MdcSnapshot mdc,
      List<KeyValuePair> keyValues,
      List<Marker> markers,
      String traceId,
      String spanId,
      boolean traceSampled) {
    this.timestamp = timestamp;
    this.level = level;
    this.loggerName = loggerName;
    this.loggerJson = loggerJson;
    this.threadName = threadName;
    this.message = message;
    this.arguments = arguments;
    this.throwable = throwable;
    this.mdc = mdc == null ? MdcSnapshot.EMPTY : mdc;
    this.keyValues = keyValues;
    this.markers = markers;
    this.traceId = traceId;
    this.spanId = spanId;
    this.traceSampled = traceSampled;
    return this;
  }

  /** Drops every reference, so a reused event keeps nothing of the call it carried alive. */
  void clear() {
    loggerName = null;
    loggerJson = null;
    threadName = null;
    message = null;
    arguments = null;
    throwable = null;
    mdc = MdcSnapshot.EMPTY;
    keyValues = null;
    markers = null;
    traceId = null;
    spanId = null;
    identity = null;
  }
}
