package dev.servicekit.logging.internal;

import java.util.Random;

/** Random strings rich in what breaks JSON writers. */
final class RandomText {

  private static final char[] NASTY = {
    '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0, 1, 0x1f, 0x7f, 0x80, 0xff, '\u2028', '\u2029',
    '\ufeff', '\ufffd', '\uffff', '{', '}', ':', ',', '<', '>'
  };

  private RandomText() {}

  static String next(Random r, int maxLength) {
    int n = r.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder(n);
    while (sb.length() < n) {
      switch (r.nextInt(7)) {
        case 0:
          sb.append((char) (0x20 + r.nextInt(0x5f)));
          break;
        case 1:
          sb.append(NASTY[r.nextInt(NASTY.length)]);
          break;
        case 2:
          sb.append((char) r.nextInt(0x20));
          break;
        case 3:
          sb.append((char) (0x80 + r.nextInt(0xD800 - 0x80)));
          break;
        case 4:
          sb.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000));
          break;
        case 5:
          sb.append((char) (0xD800 + r.nextInt(0x800)));
          break;
        default:
          sb.append("plain ascii text ");
          break;
      }
    }
    return sb.toString();
  }

  /** What a correct writer produces from {@code s}: lone surrogates become U+FFFD. */
  static String expected(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('\ufffd');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
