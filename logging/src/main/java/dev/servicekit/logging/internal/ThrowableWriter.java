package dev.servicekit.logging.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Writes an exception's stack trace as the content of a JSON string: type, message and frames, then
 * suppressed exceptions and the cause chain, with frames shared with the enclosing trace elided as
 * {@code ... n more}. Limits: frames per exception, depth of causes and suppressed exceptions, and
 * total bytes; an option puts the root cause first. Never throws: a throwable whose methods throw
 * is described by a placeholder. Not thread-safe.
 */
final class ThrowableWriter {

  private final int maxFrames;
  private final int maxDepth;
  private final int maxBytes;
  private final boolean rootCauseFirst;

  private final EncodedFrames frames = new EncodedFrames(1024);
  private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private JsonBuffer out;
  private int end;
  private boolean cut;

  ThrowableWriter(int maxFrames, int maxDepth, int maxBytes, boolean rootCauseFirst) {
    this.maxFrames = maxFrames;
    this.maxDepth = maxDepth;
    this.maxBytes = maxBytes;
    this.rootCauseFirst = rootCauseFirst;
  }

  /** Writes the stack trace of {@code t} as a quoted JSON string of at most about {@code cap}. */
  void write(Throwable t, JsonBuffer buffer, int cap) {
    buffer.writeByte((byte) '"');
    out = buffer;
    end = buffer.length() + Math.min(cap, maxBytes);
    cut = false;
    seen.clear();
    try {
      if (rootCauseFirst) {
        writeRootCauseFirst(t, seen);
      } else {
        writeOne(t, null, "", "", 0, seen, true);
      }
    } catch (Throwable x) {
      text("[stack trace failed: ");
      text(x.getClass().getName());
      text("]");
    }
    out = null;
    seen.clear();
    buffer.writeByte((byte) '"');
  }

  private void writeRootCauseFirst(Throwable t, Set<Throwable> seen) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> inChain = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable c = t; c != null && inChain.add(c); c = cause(c)) {
      chain.add(c);
      if (chain.size() > maxDepth) {
        break;
      }
    }
    StackTraceElement[] enclosing = null;
    for (int i = chain.size() - 1; i >= 0 && !cut; i--) {
      Throwable c = chain.get(i);
      writeOne(c, enclosing, i == chain.size() - 1 ? "" : "Wrapped by: ", "", 0, seen, false);
      enclosing = frames(c);
    }
  }

  private void writeOne(
      Throwable t,
      StackTraceElement[] enclosing,
      String caption,
      String prefix,
      int depth,
      Set<Throwable> seen,
      boolean followCause) {
    if (cut) {
      return;
    }
    if (!seen.add(t)) {
      text(prefix);
      text(caption);
      text("[CIRCULAR REFERENCE: ");
      header(t);
      text("]\n");
      return;
    }
    text(prefix);
    text(caption);
    header(t);
    text("\n");
    StackTraceElement[] trace = frames(t);
    int m = trace.length - 1;
    int n = enclosing == null ? -1 : enclosing.length - 1;
    while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
      m--;
      n--;
    }
    int inCommon = trace.length - 1 - m;
    int own = m + 1;
    int shown = Math.min(own, maxFrames);
    for (int i = 0; i < shown && !cut; i++) {
      frame(prefix, trace[i]);
    }
    if (own > shown) {
      text(prefix);
      text("\t... ");
      number(own - shown);
      text(" frames omitted\n");
    }
    if (inCommon != 0) {
      text(prefix);
      text("\t... ");
      number(inCommon);
      text(" more\n");
    }
    for (Throwable s : suppressed(t)) {
      if (depth >= maxDepth) {
        text(prefix);
        text("\t... suppressed exceptions omitted\n");
        break;
      }
      writeOne(s, trace, "Suppressed: ", prefix + "\t", depth + 1, seen, true);
    }
    Throwable cause = followCause ? cause(t) : null;
    if (cause != null) {
      if (depth >= maxDepth) {
        text(prefix);
        text("... causes omitted\n");
      } else {
        writeOne(cause, trace, "Caused by: ", prefix, depth + 1, seen, true);
      }
    }
  }

  private void header(Throwable t) {
    text(t.getClass().getName());
    String message = message(t);
    if (message != null) {
      text(": ");
      text(message);
    }
  }

  private void frame(String prefix, StackTraceElement e) {
    text(prefix);
    byte[] encoded = frames.get(e);
    if (!cut && end - out.length() >= encoded.length) {
      out.writeBytes(encoded);
      return;
    }
    text("\tat ");
    text(e.getClassName());
    text(".");
    text(e.getMethodName());
    text("(");
    if (e.isNativeMethod()) {
      text("Native Method");
    } else if (e.getFileName() == null) {
      text("Unknown Source");
    } else {
      text(e.getFileName());
      if (e.getLineNumber() >= 0) {
        text(":");
        number(e.getLineNumber());
      }
    }
    text(")\n");
  }

  private void text(String s) {
    if (cut || s == null) {
      return;
    }
    cut = out.writeContent(s, 0, s.length(), Math.max(0, end - out.length()));
  }

  private void number(long n) {
    if (!cut) {
      out.writeLong(n);
    }
  }

  /** The exception's message, or a placeholder if {@code getMessage()} throws. */
  static String message(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable x) {
      return "[getMessage() failed: " + x.getClass().getName() + "]";
    }
  }

  private static Throwable cause(Throwable t) {
    try {
      Throwable c = t.getCause();
      return c == t ? null : c;
    } catch (Throwable x) {
      return null;
    }
  }

  private static Throwable[] suppressed(Throwable t) {
    try {
      return t.getSuppressed();
    } catch (Throwable x) {
      return new Throwable[0];
    }
  }

  private static StackTraceElement[] frames(Throwable t) {
    try {
      StackTraceElement[] f = t.getStackTrace();
      return f == null ? new StackTraceElement[0] : f;
    } catch (Throwable x) {
      return new StackTraceElement[0];
    }
  }
}
