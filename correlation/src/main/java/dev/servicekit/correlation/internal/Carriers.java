package dev.servicekit.correlation.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collections;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/** Adapts servicekit's one-method carriers to OpenTelemetry's getter and setter interfaces. */
public final class Carriers {

  /** Reads a {@code UnaryOperator<String>} carrier. */
  public static final TextMapGetter<UnaryOperator<String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(UnaryOperator<String> carrier) {
          return Collections.emptyList();
        }

        @Override
        public String get(UnaryOperator<String> carrier, String key) {
          return carrier == null ? null : carrier.apply(key);
        }
      };

  /** Writes a {@code BiConsumer<String, String>} carrier. */
  public static final TextMapSetter<BiConsumer<String, String>> SETTER =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.accept(key, value);
        }
      };

  private Carriers() {}
}
