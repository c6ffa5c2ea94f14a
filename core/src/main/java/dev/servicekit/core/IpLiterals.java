package dev.servicekit.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses IP literals without ever asking DNS. */
final class IpLiterals {
  private IpLiterals() {}

  static Optional<InetAddress> parse(String text) {
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    boolean ipv4 = isIpv4(s);
    if (!ipv4 && !(s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?"))) {
      return Optional.empty();
    }
    try {
      // brackets make the JDK parse the text as an IPv6 literal or fail, never ask DNS
      return Optional.of(InetAddress.getByName(ipv4 ? s : "[" + s + "]"));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Whether the text consists of digits and dots only (a malformed IPv4 literal, not a name). */
  static boolean looksNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '.');
  }
}
