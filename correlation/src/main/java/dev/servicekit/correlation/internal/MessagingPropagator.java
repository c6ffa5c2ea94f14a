package dev.servicekit.correlation.internal;

import dev.servicekit.config.ConfigException;
import dev.servicekit.config.ProcessConfig;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.correlation.CorrelationPropagator;
import dev.servicekit.correlation.InboundPolicy;
import dev.servicekit.correlation.TraceContextMode;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Where a messaging adapter gets its propagator: one the application passed, or the process-wide
 * default configured from {@code servicekit.correlation.inbound} and {@code .trace-context} (read
 * on first use, and again when a runtime publishes or withdraws its settings).
 *
 * <p>A bad setting fails where the application wires an adapter, never per message: {@link
 * #forWiring()} throws its {@link ConfigException}; {@link #forMessage()} never throws, reports the
 * same message once through SLF4J and uses that setting's default. Thread-safe.
 */
public final class MessagingPropagator {

  private static final MessagingPropagator CONFIGURED = new MessagingPropagator(null);

  private final CorrelationPropagator fixed;
  private volatile Derived derived;

  private MessagingPropagator(CorrelationPropagator fixed) {
    this.fixed = fixed;
  }

  /** Always {@code propagator}. */
  public static MessagingPropagator of(CorrelationPropagator propagator) {
    return new MessagingPropagator(Objects.requireNonNull(propagator, "propagator"));
  }

  /** The process-wide default the adapters' static entry points share. */
  public static MessagingPropagator configured() {
    return CONFIGURED;
  }

  /**
   * The propagator, for a caller wiring an adapter (wrapping a listener, configuring an
   * interceptor).
   *
   * @throws ConfigException when a setting the default reads has a bad value
   */
  public CorrelationPropagator forWiring() {
    if (fixed != null) {
      return fixed;
    }
    Derived d = derived();
    if (d.problem == null) {
      return d.propagator;
    }
    // read again: throws for this caller, naming the value configured now
    CorrelationPropagator now = CorrelationPropagator.messaging();
    derived = new Derived(d.version, now, null);
    return now;
  }

  /** The propagator, for a message; never throws. */
  public CorrelationPropagator forMessage() {
    if (fixed != null) {
      return fixed;
    }
    Derived d = derived();
    if (d.problem != null && d.reported.compareAndSet(false, true)) {
      report(d.problem);
    }
    return d.propagator;
  }

  private Derived derived() {
    Derived d = derived;
    int version = ProcessConfig.version();
    if (d == null || d.version != version) {
      d = Derived.read(version);
      derived = d;
    }
    return d;
  }

  private static void report(RuntimeException problem) {
    try {
      LoggerFactory.getLogger(MessagingPropagator.class)
          .warn("{}; messages use its default until it is fixed", problem.getMessage());
    } catch (RuntimeException | LinkageError e) {
      // a broken logging backend must not fail the message
    }
  }

  /** The default propagator derived for one configuration version. */
  private static final class Derived {
    final int version;
    final CorrelationPropagator propagator;
    final RuntimeException problem;
    final AtomicBoolean reported = new AtomicBoolean();

    Derived(int version, CorrelationPropagator propagator, RuntimeException problem) {
      this.version = version;
      this.propagator = propagator;
      this.problem = problem;
    }

    static Derived read(int version) {
      try {
        return new Derived(version, CorrelationPropagator.messaging(), null);
      } catch (RuntimeException problem) {
        ServiceConfig config = ProcessConfig.current();
        CorrelationPropagator fallback =
            CorrelationPropagator.builder()
                .header(CorrelationPropagator.MESSAGING_HEADER)
                .inbound(
                    orDefault(
                        config,
                        CorrelationPropagator.INBOUND_KEY,
                        InboundPolicy.class,
                        InboundPolicy.ACCEPT))
                .traceContext(
                    orDefault(
                        config,
                        CorrelationPropagator.TRACE_CONTEXT_KEY,
                        TraceContextMode.class,
                        TraceContextMode.AUTO))
                .build();
        return new Derived(version, fallback, problem);
      }
    }

    private static <E extends Enum<E>> E orDefault(
        ServiceConfig config, String key, Class<E> type, E defaultValue) {
      try {
        return Settings.readEnum(config, key, type, defaultValue);
      } catch (RuntimeException e) {
        return defaultValue;
      }
    }
  }
}
