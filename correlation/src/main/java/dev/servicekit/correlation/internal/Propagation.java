package dev.servicekit.correlation.internal;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The propagation engine behind {@code CorrelationPropagator}: the correlation id under one header
 * name (plus read-only fallbacks), and — unless an OpenTelemetry instrumentation owns the trace
 * (see {@link TraceOwnership}), or trace propagation is switched off — W3C {@code
 * traceparent}/{@code tracestate} and {@code baggage}. Immutable and thread-safe; never throws into
 * the caller.
 */
public final class Propagation implements TextMapPropagator {

  private static final W3CBaggagePropagator BAGGAGE = W3CBaggagePropagator.getInstance();
  private static final String BAGGAGE_HEADER = "baggage";

  /** When W3C trace context and baggage are propagated by servicekit. */
  public enum Mode {
    /**
     * Propagate unless the Context already holds a span an instrumentation started: then the
     * instrumentation owns the trace and its headers, and only the id is added.
     */
    AUTO,
    /** Always write; read unless an instrumentation's span is current. */
    ALWAYS,
    /** Never: correlation id only. */
    NEVER
  }

  private final String header;
  private final List<String> fallbackHeaders;
  private final boolean acceptInbound;
  private final Mode mode;
  private final List<String> allFields;
  private final List<String> idFields;

  /**
   * @param header the header written and read first
   * @param fallbackHeaders headers read (never written) when {@code header} is absent
   * @param acceptInbound whether inbound ids are used at all
   * @param mode when W3C context is propagated
   */
  public Propagation(
      String header, List<String> fallbackHeaders, boolean acceptInbound, Mode mode) {
    this.header = header;
    this.fallbackHeaders = List.copyOf(fallbackHeaders);
    this.acceptInbound = acceptInbound;
    this.mode = mode;
    List<String> all = new ArrayList<>();
    all.add(header);
    all.addAll(FastTraceContext.W3C.fields());
    all.addAll(BAGGAGE.fields());
    this.allFields = Collections.unmodifiableList(all);
    this.idFields = List.of(header);
  }

  /** The header the id is written under. */
  public String header() {
    return header;
  }

  /**
   * Whether servicekit writes W3C trace context and baggage for {@code context}: per the mode, and
   * in {@link Mode#AUTO} only when no instrumentation owns its span.
   */
  public boolean injectsTraceContext(Context context) {
    switch (mode) {
      case ALWAYS:
        return true;
      case NEVER:
        return false;
      default:
        return !TraceOwnership.instrumentationOwns(context);
    }
  }

  /**
   * Whether servicekit reads the inbound W3C trace context on top of {@code parent}: never over a
   * span an instrumentation made current (in any mode: that span is the request's), never in {@link
   * Mode#NEVER}.
   */
  public boolean extractsTraceContext(Context parent) {
    return mode != Mode.NEVER && !TraceOwnership.instrumentationOwns(parent);
  }

  /**
   * Reads the inbound id: {@code null} when inbound ids are ignored, absent, or rejected (the
   * rejection is counted).
   */
  public String readId(UnaryOperator<String> getter) {
    if (!acceptInbound) {
      return null;
    }
    String raw = rawGet(getter, header);
    if (raw == null) {
      for (int i = 0; i < fallbackHeaders.size() && raw == null; i++) {
        raw = rawGet(getter, fallbackHeaders.get(i));
      }
    }
    return IdValidator.acceptOrNull(raw);
  }

  private static String rawGet(UnaryOperator<String> getter, String name) {
    try {
      return getter.apply(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Extracts the inbound context for a new scope: W3C parts per the mode on top of {@code parent},
   * and always a correlation id — the inbound one when valid, else a fresh one.
   */
  public Context extractForScope(Context parent, UnaryOperator<String> getter) {
    Context hop = extractHop(parent, getter);
    if (hop != null) {
      return hop;
    }
    Context context = parent;
    if (extractsTraceContext(parent)) {
      context = extractTraceContext(parent, getter);
    }
    String id = readId(getter);
    return context.with(CorrelationKey.KEY, id != null ? id : IdGenerator.next());
  }

  /**
   * The common case in one pass, as one {@link HopContext}: over OpenTelemetry's own Context, with
   * a plain (or no) trace context and baggage. Null when anything needs OpenTelemetry's parsers or
   * an ordinary Context.
   */
  private Context extractHop(Context parent, UnaryOperator<String> getter) {
    if (!HopContext.canExtend(parent)) {
      return null;
    }
    Span span = null;
    RawBaggage baggage = null;
    if (extractsTraceContext(parent)) {
      String traceparent = FastTraceContext.rawGet(getter, FastTraceContext.TRACEPARENT);
      if (traceparent != null) {
        span = FastTraceContext.plainSpan(traceparent, getter);
        if (span == null) {
          return null;
        }
      }
      String header = SafeCarrier.get(getter, BAGGAGE_HEADER);
      if (header != null && !header.isEmpty()) {
        baggage = RawBaggage.of(header);
        if (baggage == null) {
          return null;
        }
      }
    }
    String id = readId(getter);
    return new HopContext(parent, span, baggage, id != null ? id : IdGenerator.next());
  }

  private static Context extractTraceContext(Context parent, UnaryOperator<String> getter) {
    try {
      Context context = FastTraceContext.extract(parent, getter);
      String header = SafeCarrier.get(getter, BAGGAGE_HEADER);
      if (header == null) {
        return context;
      }
      RawBaggage raw = RawBaggage.of(header);
      if (raw != null) {
        return context.with(raw);
      }
      return BAGGAGE.extract(context, SafeCarrier.guard(getter), Carriers.GETTER);
    } catch (RuntimeException e) {
      return parent;
    }
  }

  /** Writes the fields of {@code context} to {@code setter}. */
  public void inject(Context context, BiConsumer<String, String> setter) {
    if (context == null || setter == null) {
      return;
    }
    try {
      boolean hop = context instanceof HopContext;
      String id = hop ? ((HopContext) context).id : context.get(CorrelationKey.KEY);
      // a hop's id was validated (or made) when it was extracted
      if (hop || IdValidator.isValid(id)) {
        setter.accept(header, id);
      }
      RawSpanContext raw = hop ? ((HopContext) context).rawSpanContext() : null;
      if (raw != null) {
        // the hop holds the validated inbound span itself: no instrumentation owns it (it is the
        // caller's remote span), so only the mode decides
        if (mode != Mode.NEVER) {
          FastTraceContext.inject(raw, setter);
          injectBaggage(context, setter);
        }
      } else if (injectsTraceContext(context)) {
        FastTraceContext.inject(context, setter);
        injectBaggage(context, setter);
      }
    } catch (RuntimeException e) {
      // a failing carrier never breaks the caller
    }
  }

  private static void injectBaggage(Context context, BiConsumer<String, String> setter) {
    Baggage baggage = Baggage.fromContext(context);
    if (baggage instanceof RawBaggage) {
      setter.accept(BAGGAGE_HEADER, ((RawBaggage) baggage).header());
    } else if (!baggage.isEmpty()) {
      BAGGAGE.inject(context, SafeCarrier.guard(setter), Carriers.SETTER);
    }
  }

  @Override
  public Collection<String> fields() {
    return mode == Mode.NEVER ? idFields : allFields;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (setter == null) {
      return;
    }
    inject(context, (name, value) -> setter.set(carrier, name, value));
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    UnaryOperator<String> read = name -> getter.get(carrier, name);
    Context result = base;
    if (extractsTraceContext(base)) {
      result = extractTraceContext(base, read);
    }
    String id = readId(read);
    return id == null ? result : result.with(CorrelationKey.KEY, id);
  }

  @Override
  public String toString() {
    return "Propagation{header=" + header + ", mode=" + mode + "}";
  }
}
