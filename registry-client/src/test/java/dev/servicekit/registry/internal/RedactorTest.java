package dev.servicekit.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void replacesEveryOccurrenceOfTheSecret() {
    Redactor r = new Redactor("s3cr3t");
    assertThat(r.redact("token s3cr3t rejected (s3cr3t)"))
        .isEqualTo("token <redacted> rejected (<redacted>)");
  }

  @Test
  void leavesTextAloneWithoutASecret() {
    assertThat(new Redactor("").redact("nothing to hide")).isEqualTo("nothing to hide");
    assertThat(new Redactor("x").redact(null)).isNull();
  }
}
