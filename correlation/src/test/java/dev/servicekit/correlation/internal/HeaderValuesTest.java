package dev.servicekit.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

  @Test
  void noValuesIsAbsent() {
    assertThat(HeaderValues.join((List<String>) null)).isNull();
    assertThat(HeaderValues.join(List.of())).isNull();
    assertThat(HeaderValues.join(Collections.<String>emptyIterator())).isNull();
  }

  @Test
  void oneValueIsReturnedAsIs() {
    assertThat(HeaderValues.join(List.of("a"))).isEqualTo("a");
    assertThat(HeaderValues.join(List.of("a").iterator())).isEqualTo("a");
  }

  @Test
  void repeatedValuesAreJoinedWithCommas() {
    assertThat(HeaderValues.join(List.of("a", "b", "c"))).isEqualTo("a,b,c");
    assertThat(HeaderValues.join(List.of("a", "b", "c").iterator())).isEqualTo("a,b,c");
  }
}
