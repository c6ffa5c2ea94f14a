package dev.servicekit.correlation.internal;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;

/**
 * The Context of an inbound hop that no instrumentation owns: the parent plus the extracted remote
 * span, baggage and the validated (or fresh) correlation id, in one object instead of one Context
 * copy per entry. It answers {@link Span#fromContext}, {@link Baggage#fromContext} and the id's key
 * itself and everything else from the parent; {@link #with} makes an ordinary Context with the same
 * entries first. Used only over OpenTelemetry's own Context implementation (see {@link
 * #canExtend}), never over an agent's. Immutable.
 */
final class HopContext implements Context {

  /** The keys {@code Span} and {@code Baggage} store themselves under, or null if not found. */
  private static final ContextKey<?> SPAN_KEY = keyOf(Span.getInvalid());

  private static final ContextKey<?> BAGGAGE_KEY = keyOf(Baggage.empty());

  private static final Class<?> PLAIN_CONTEXT = plainContextClass();

  private final Context parent;
  private final Span span;
  private final Baggage baggage;
  final String id;

  /**
   * @param parent the Context the hop starts from
   * @param span the remote span, or null for none
   * @param baggage the inbound baggage, or null for none
   * @param id a valid correlation id
   */
  HopContext(Context parent, Span span, Baggage baggage, String id) {
    this.parent = parent;
    this.span = span;
    this.baggage = baggage;
    this.id = id;
  }

  /**
   * The hop's own span context when it is the validated inbound text (the usual case: then no
   * instrumentation owns it and it has a trace and span id), else null.
   */
  RawSpanContext rawSpanContext() {
    if (span == null) {
      return null;
    }
    SpanContext spanContext = span.getSpanContext();
    return spanContext instanceof RawSpanContext ? (RawSpanContext) spanContext : null;
  }

  /**
   * Whether a hop may be built over {@code parent}: OpenTelemetry's own Context classes are in use
   * (no agent bridges them) and the keys were found.
   */
  static boolean canExtend(Context parent) {
    return PLAIN_CONTEXT != null
        && (parent.getClass() == PLAIN_CONTEXT || parent instanceof HopContext);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    if (key == CorrelationKey.KEY) {
      return (V) id;
    }
    if (key == SPAN_KEY && span != null) {
      return (V) span;
    }
    if (key == BAGGAGE_KEY && baggage != null) {
      return (V) baggage;
    }
    return parent.get(key);
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    Context plain = parent;
    if (span != null) {
      plain = plain.with(span);
    }
    if (baggage != null) {
      plain = plain.with(baggage);
    }
    return plain.with(CorrelationKey.KEY, id).with(key, value);
  }

  @Override
  public String toString() {
    return "HopContext{id=" + id + ", span=" + span + ", baggage=" + baggage + "}";
  }

  private static ContextKey<?> keyOf(ImplicitContextKeyed value) {
    try {
      KeyRecorder recorder = new KeyRecorder();
      value.storeInContext(recorder);
      return recorder.key;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * The root's class when it is OpenTelemetry's own and both keys answer as expected, else null.
   */
  private static Class<?> plainContextClass() {
    try {
      Context root = Context.root();
      if (SPAN_KEY == null
          || BAGGAGE_KEY == null
          || !root.getClass().getName().equals("io.opentelemetry.context.ArrayBasedContext")) {
        return null;
      }
      Span probe = Span.wrap(Span.getInvalid().getSpanContext());
      Baggage bag = Baggage.builder().put("k", "v").build();
      HopContext hop = new HopContext(root, probe, bag, "probe");
      return Span.fromContext(hop) == probe && Baggage.fromContext(hop) == bag
          ? root.getClass()
          : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** A Context that only notes the key something stores itself under. */
  private static final class KeyRecorder implements Context {
    ContextKey<?> key;

    @Override
    public <V> V get(ContextKey<V> k) {
      return null;
    }

    @Override
    public <V> Context with(ContextKey<V> k, V value) {
      key = k;
      return this;
    }
  }
}
