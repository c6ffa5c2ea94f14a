package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test reader of exposition formats rejects what a Prometheus server would reject. */
class ExpositionTest {

  @Test
  void readsTypedSamplesWithEscapedLabels() {
    Exposition e =
        Exposition.text(
            "# HELP a_b A thing\n# TYPE a_b gauge\na_b{x=\"q\\\"\\\\\\n\",y=\"\"} 1.5E-3\n"
                + "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n");
    assertThat(e.named("a_b")).singleElement().satisfies(s -> assertThat(s.labels()).hasSize(2));
    assertThat(e.types).containsEntry("h", "histogram");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "untyped_sample 1\n",
        "# TYPE a gauge\na{x=\"unterminated} 1\n",
        "# TYPE a gauge\na{x=\"1\",x=\"2\"} 1\n",
        "# TYPE a gauge\na one\n",
        "# TYPE a gauge\n# TYPE a gauge\na 1\n",
        "# TYPE 1a gauge\n",
        "# TYPE a gauge\na 1",
      })
  void rejectsMalformedText(String body) {
    assertThatThrownBy(() -> Exposition.text(body)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openMetricsNeedsTheEofMarker() {
    assertThat(Exposition.openMetrics("# TYPE c counter\nc_total 1\n# EOF\n").named("c_total"))
        .hasSize(1);
    assertThatThrownBy(() -> Exposition.openMetrics("# TYPE c counter\nc_total 1\n"))
        .hasMessageContaining("EOF");
  }
}
