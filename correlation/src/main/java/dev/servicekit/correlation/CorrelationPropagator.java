package dev.servicekit.correlation;

import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.correlation.internal.MdcScope;
import dev.servicekit.correlation.internal.Propagation;
import dev.servicekit.correlation.internal.Settings;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the correlation of a request or message through any carrier: a getter {@code
 * name -> value} inbound and a setter {@code (name, value)} outbound, so each transport adapter is
 * one line.
 *
 * <pre>{@code
 * CorrelationPropagator propagator = CorrelationPropagator.http(); // create once, share
 * try (Scope s = propagator.extract(request::getHeader)) { ... }   // inbound
 * propagator.inject(builder::header);                             // outbound
 * }</pre>
 *
 * <p>Fields: the correlation id (HTTP: {@code X-Correlation-ID}, configurable, with {@code
 * X-Request-ID} read as a fallback; messaging: {@code correlation_id}) and, per {@link
 * TraceContextMode}, W3C {@code traceparent}, {@code tracestate} and {@code baggage}. Inbound
 * values are untrusted: an invalid id is replaced by a fresh one (and counted, see {@link
 * Correlation#rejectedCount()}); trace fields with control characters, non-ASCII or more than 8192
 * characters are ignored, the rest follow the W3C rules. Outbound, only validated values are
 * written.
 *
 * <p>Immutable and thread-safe. {@code extract} and {@code inject} never throw into the caller;
 * building one with a bad setting throws {@link IllegalArgumentException} naming the key.
 */
public final class CorrelationPropagator {

  /** Default HTTP header of the correlation id. */
  public static final String HTTP_HEADER = "X-Correlation-ID";

  /** HTTP header read when the correlation header is absent. */
  public static final String REQUEST_ID_HEADER = "X-Request-ID";

  /** Header/property name of the correlation id in messages (a legal JMS identifier). */
  public static final String MESSAGING_HEADER = "correlation_id";

  /** Setting: the HTTP header name of the correlation id. */
  public static final String HEADER_KEY = "servicekit.correlation.header";

  /** Setting: {@code accept} or {@code ignore} inbound ids. */
  public static final String INBOUND_KEY = "servicekit.correlation.inbound";

  /** Setting: {@code auto}, {@code propagate} or {@code off} for W3C trace context. */
  public static final String TRACE_CONTEXT_KEY = "servicekit.correlation.trace-context";

  private final String header;
  private final List<String> fallbackHeaders;
  private final InboundPolicy inbound;
  private final TraceContextMode traceContext;
  private final Propagation propagation;

  private CorrelationPropagator(Builder builder) {
    this.header = builder.header;
    this.fallbackHeaders = List.copyOf(builder.fallbackHeaders);
    this.inbound = builder.inbound;
    this.traceContext = builder.traceContext;
    this.propagation =
        new Propagation(
            header, fallbackHeaders, inbound == InboundPolicy.ACCEPT, toMode(traceContext));
  }

  private static Propagation.Mode toMode(TraceContextMode mode) {
    switch (mode) {
      case PROPAGATE:
        return Propagation.Mode.ALWAYS;
      case OFF:
        return Propagation.Mode.NEVER;
      default:
        return Propagation.Mode.AUTO;
    }
  }

  /**
   * The HTTP propagator, configured from {@code servicekit.correlation.header}, {@code .inbound}
   * and {@code .trace-context}: a started runtime's builder values, then system property, then
   * environment variable. Reads the configuration on every call: create it once (after {@code
   * ServiceRuntime.start()} when the builder sets one of them).
   *
   * @return a new, immutable propagator; thread-safe
   * @throws dev.servicekit.config.ConfigException (an {@link IllegalArgumentException}) when a
   *     setting has a bad value
   */
  public static CorrelationPropagator http() {
    return http(ProcessConfig.current());
  }

  /**
   * The HTTP propagator configured from {@code config}.
   *
   * @param config the configuration to read the three settings from
   * @return a new, immutable propagator
   * @throws dev.servicekit.config.ConfigException when a setting has a bad value
   */
  public static CorrelationPropagator http(ServiceConfig config) {
    return builder()
        .header(Settings.readHeaderName(config, HEADER_KEY, HTTP_HEADER))
        .fallbackHeader(REQUEST_ID_HEADER)
        .inbound(Settings.readEnum(config, INBOUND_KEY, InboundPolicy.class, InboundPolicy.ACCEPT))
        .traceContext(
            Settings.readEnum(
                config, TRACE_CONTEXT_KEY, TraceContextMode.class, TraceContextMode.AUTO))
        .build();
  }

  /**
   * The messaging propagator: {@code correlation_id}, {@code traceparent}, {@code tracestate},
   * {@code baggage} (all legal JMS property names), configured from {@code .inbound} and {@code
   * .trace-context} as {@link #http()} reads them. Reads the configuration on every call: create it
   * once.
   *
   * @return a new, immutable propagator; thread-safe
   * @throws dev.servicekit.config.ConfigException when a setting has a bad value
   */
  public static CorrelationPropagator messaging() {
    ServiceConfig config = ProcessConfig.current();
    return builder()
        .header(MESSAGING_HEADER)
        .inbound(Settings.readEnum(config, INBOUND_KEY, InboundPolicy.class, InboundPolicy.ACCEPT))
        .traceContext(
            Settings.readEnum(
                config, TRACE_CONTEXT_KEY, TraceContextMode.class, TraceContextMode.AUTO))
        .build();
  }

  /**
   * A builder that reads no configuration: header {@code X-Correlation-ID}, no fallback, {@link
   * InboundPolicy#ACCEPT}, {@link TraceContextMode#AUTO}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the scope of an inbound request or message: the validated inbound id or a fresh one, the
   * inbound W3C context (per mode) and the MDC. Close it when the handling ends.
   *
   * @param getter returns the value of a header, or {@code null}; for repeated headers, their
   *     values joined with {@code ","}
   * @return the scope; close it on the thread that opened it
   */
  public Scope extract(UnaryOperator<@Nullable String> getter) {
    return MdcScope.open(extractContext(getter));
  }

  /**
   * The Context {@link #extract} would make current, without making it current (for example to keep
   * it with a request and {@link Correlation#attach} it on other threads). Always holds a
   * correlation id.
   *
   * @param getter as for {@link #extract}
   * @return a Context derived from the current one, holding the inbound or a fresh id
   */
  public Context extractContext(UnaryOperator<@Nullable String> getter) {
    UnaryOperator<@Nullable String> safe = getter == null ? name -> null : getter;
    return propagation.extractForScope(Context.current(), safe);
  }

  /**
   * Writes the current Context's fields (id, and per mode the W3C fields) to {@code setter}.
   *
   * @param setter called once per field with its name and value; never with null
   */
  public void inject(BiConsumer<String, String> setter) {
    propagation.inject(Context.current(), setter);
  }

  /**
   * Writes the fields of {@code context} to {@code setter}.
   *
   * @param context the Context whose fields to write, for example one kept from {@link
   *     #extractContext}
   * @param setter called once per field with its name and value; never with null
   */
  public void inject(Context context, BiConsumer<String, String> setter) {
    propagation.inject(context, setter);
  }

  /**
   * The header or property name the id is written under.
   *
   * @return for example {@code X-Correlation-ID}
   */
  public String header() {
    return header;
  }

  /**
   * The inbound policy.
   *
   * @return whether inbound ids are used
   */
  public InboundPolicy inbound() {
    return inbound;
  }

  /**
   * The trace-context mode.
   *
   * @return how W3C trace context is handled
   */
  public TraceContextMode traceContext() {
    return traceContext;
  }

  /**
   * This propagator as an OpenTelemetry {@link TextMapPropagator}, e.g. to compose with others or
   * hand to OpenTelemetry instrumentation. Its {@code extract} adds the inbound id only when valid
   * (no fresh id); rejections are counted.
   *
   * @return a propagator that reads and writes what this one does
   */
  public TextMapPropagator asTextMapPropagator() {
    return propagation;
  }

  /** Builds a {@link CorrelationPropagator}. Rejects bad values at configuration time. */
  public static final class Builder {
    private String header = HTTP_HEADER;
    private final List<String> fallbackHeaders = new ArrayList<>();
    private InboundPolicy inbound = InboundPolicy.ACCEPT;
    private TraceContextMode traceContext = TraceContextMode.AUTO;

    private Builder() {}

    /**
     * The name the id is read and written under (a token of 1 to 64 characters).
     *
     * @param name the header or property name
     * @return this builder
     */
    public Builder header(String name) {
      this.header = checkName(name);
      return this;
    }

    /**
     * A further name read (never written) when the header is absent; may be called repeatedly.
     *
     * @param name a name read, in the order added, when the header is absent
     * @return this builder
     */
    public Builder fallbackHeader(String name) {
      fallbackHeaders.add(checkName(name));
      return this;
    }

    /**
     * Whether inbound ids are used.
     *
     * @param policy {@link InboundPolicy#ACCEPT} unless set
     * @return this builder
     */
    public Builder inbound(InboundPolicy policy) {
      this.inbound = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Whether W3C trace context and baggage are propagated by servicekit.
     *
     * @param mode {@link TraceContextMode#AUTO} unless set
     * @return this builder
     */
    public Builder traceContext(TraceContextMode mode) {
      this.traceContext = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Builds the propagator.
     *
     * @return an immutable propagator; the builder can be used again
     */
    public CorrelationPropagator build() {
      return new CorrelationPropagator(this);
    }

    private static String checkName(String name) {
      if (!Settings.isToken(name)) {
        throw new IllegalArgumentException(
            "header name must be 1 to 64 token characters, got '" + name + "'");
      }
      return name;
    }
  }
}
