package dev.servicekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralsTest {

  @Test
  void parsesIpv4AndIpv6LiteralsIncludingBrackets() {
    assertThat(IpLiterals.parse("10.0.0.5")).isPresent();
    assertThat(IpLiterals.parse(" 0.0.0.0 "))
        .hasValueSatisfying(a -> assertThat(a.isAnyLocalAddress()).isTrue());
    assertThat(IpLiterals.parse("::1"))
        .hasValueSatisfying(a -> assertThat(a.isLoopbackAddress()).isTrue());
    assertThat(IpLiterals.parse("[2001:db8::1]")).isPresent();
  }

  @Test
  void rejectsHostNamesAndMalformedLiteralsWithoutAskingDns() {
    assertThat(IpLiterals.parse("localhost")).isEmpty();
    assertThat(IpLiterals.parse("example.com")).isEmpty();
    assertThat(IpLiterals.parse("10.0.0.256")).isEmpty();
    assertThat(IpLiterals.parse("10.0.0")).isEmpty();
    assertThat(IpLiterals.parse("1:2:3:4:5:6:7:8:9")).isEmpty();
    assertThat(IpLiterals.parse("")).isEmpty();
  }
}
