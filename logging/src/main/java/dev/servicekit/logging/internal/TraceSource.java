package dev.servicekit.logging.internal;

/** Reads the current trace and span ids on the calling thread. */
interface TraceSource {

  /** Reads nothing: OpenTelemetry is not on the classpath. */
  TraceSource NONE =
      new TraceSource() {
        @Override
        public Object current() {
          return null;
        }

        @Override
        public String traceId(Object context) {
          return null;
        }

        @Override
        public String spanId(Object context) {
          return null;
        }
      };

  /** The current valid span context, or null. */
  Object current();

  String traceId(Object context);

  String spanId(Object context);

  /** Whether the trace of {@code context} is sampled. */
  default boolean sampled(Object context) {
    return false;
  }

  /** OpenTelemetry's current span when opentelemetry-api is present, else {@link #NONE}. */
  static TraceSource detect() {
    try {
      Class.forName("io.opentelemetry.api.trace.Span", false, TraceSource.class.getClassLoader());
      return new OtelTraceSource();
    } catch (ClassNotFoundException | LinkageError e) {
      return NONE;
    }
  }
}
